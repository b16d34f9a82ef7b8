import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoOTLP
import ConvoStore
import Foundation

/// Why a capture could not be committed now; the client should retry later (429/503).
public enum CaptureUnavailable: Error, Sendable {
    /// More work is queued than `maxQueuedConversations`.
    case overloaded
    /// The store failed (disk full, locked, …).
    case storeFailed(String)
}

/// The one owner of the store and of the telemetry assembler: every capture passes through
/// here, so store access is serialized. Requests that arrive while a transaction is running
/// are queued and committed together in the next one (group commit), and each request is
/// answered only after the transaction holding its data has committed.
actor CaptureIngestor {
    struct Submission {
        var parts: [ConversationPart]
        var continuation: CheckedContinuation<MergeSummary, any Error>
    }

    private let store: any ConversationStore
    private let assembler: GenAIAssembler
    /// Where refused records go; nil keeps none.
    private let rejected: RejectedRecordWriter?
    private let maxQueuedConversations: Int
    private var queue: [Submission] = []
    private var queuedConversations = 0
    private var draining = false
    /// Agnost events have no time of their own: each gets a receive time later than the last.
    private var lastReceiveMillis: Int64 = 0

    init(store: sending any ConversationStore, rejected: RejectedRecordWriter?, maxQueuedConversations: Int,
         assemblerLimits: GenAIAssembler.Limits) {
        self.store = store
        self.rejected = rejected
        self.maxQueuedConversations = maxQueuedConversations
        self.assembler = GenAIAssembler(limits: assemblerLimits)
    }

    /// A strictly increasing receive time, in arrival order.
    func receiveTime() -> Timestamp {
        let now = Timestamp.now.millisecondsSinceEpoch
        lastReceiveMillis = max(now, lastReceiveMillis + 1)
        return Timestamp(millisecondsSinceEpoch: lastReceiveMillis)
    }

    /// Places a decoded OTLP request's records (content already read by
    /// `GenAIAssembler.prepare`, outside this actor) and returns the work to build, also outside.
    func assemble(_ prepared: PreparedBatch) throws(CaptureUnavailable) -> AssemblyWork {
        if queuedConversations >= maxQueuedConversations { throw .overloaded }
        return assembler.add(prepared, now: .now)
    }

    /// Commits conversation parts (convo JSON, Agnost payloads).
    func ingest(_ parts: [ConversationPart]) async throws -> MergeSummary {
        if queuedConversations >= maxQueuedConversations { throw CaptureUnavailable.overloaded }
        return try await commit(parts)
    }

    /// Places records that waited too long for their span or parent, with fallback ids.
    func expirePending() async {
        let result = assembler.expire(now: .now).build()
        await commitUnattended(result, endpoint: "pending (expired)")
    }

    /// Commits everything still pending: the server is shutting down.
    func flushPending() async {
        let result = assembler.flush().build()
        await commitUnattended(result, endpoint: "pending (shutdown)")
    }

    var pendingRecords: Int { assembler.pendingCount }

    // Losing a rejection note must not fail the request that caused it: write errors are dropped.

    func noteRejected(_ records: [RejectedRecord], endpoint: String) {
        let now = Timestamp.now
        for record in records {
            try? rejected?.append(source: endpoint, line: nil, reason: record.description, raw: nil, at: now)
        }
    }

    /// Records of a body read by `Ingestor.read(body:…)`, located by line.
    func noteRejected(_ rejections: [RecordRejection]) {
        let now = Timestamp.now
        for rejection in rejections { try? rejected?.append(rejection, at: now) }
    }

    func noteRejected(endpoint: String, reason: String, record: [UInt8]) {
        try? rejected?.append(source: endpoint, line: nil, reason: reason, raw: record)
    }

    // MARK: Group commit

    private func commitUnattended(_ result: AssemblyResult, endpoint: String) async {
        noteRejected(result.rejected, endpoint: endpoint)
        guard !result.conversations.isEmpty else { return }
        do {
            _ = try await commit(result.conversations.map { ConversationPart($0) })
        } catch {
            for conversation in result.conversations {
                noteRejected(endpoint: endpoint, reason: "could not be stored: \(error)", record: Array(ConversationJSON.encode(conversation).utf8))
            }
        }
    }

    private func commit(_ parts: [ConversationPart]) async throws -> MergeSummary {
        try await withCheckedThrowingContinuation { continuation in
            queue.append(Submission(parts: parts, continuation: continuation))
            queuedConversations += parts.count
            if !draining {
                draining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = queue
            queue.removeAll()
            queuedConversations -= batch.reduce(0) { $0 + $1.parts.count }
            do {
                let summary = try store.merge(parts: batch.flatMap(\.parts))
                if batch.count == 1, let only = batch.first {
                    only.continuation.resume(returning: summary)
                } else {
                    // The summary of a shared transaction is not any one request's; each
                    // request gets its own count of fragments.
                    for submission in batch {
                        submission.continuation.resume(returning: MergeSummary(merged: submission.parts.count))
                    }
                }
            } catch {
                // One bad fragment must not fail its neighbours: retry each request on its own.
                for submission in batch {
                    do {
                        submission.continuation.resume(returning: try store.merge(parts: submission.parts))
                    } catch {
                        submission.continuation.resume(throwing: CaptureUnavailable.storeFailed(String(describing: error)))
                    }
                }
            }
            // Let requests that arrived during the transaction join the next one.
            await Task.yield()
        }
        draining = false
    }
}

extension Timestamp {
    static var now: Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

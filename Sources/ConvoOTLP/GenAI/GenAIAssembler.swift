import ConvoBase
import ConvoModel

/// What assembling produced: conversation fragments ready to merge into the store, and the
/// records that could not be used.
public struct AssemblyResult: Sendable {
    public var conversations: [Conversation] = []
    public var rejected: [RejectedRecord] = []

    public init(conversations: [Conversation] = [], rejected: [RejectedRecord] = []) {
        self.conversations = conversations
        self.rejected = rejected
    }
}

/// A batch whose spans' own content has been read already. Reading content (parsing the
/// message JSON) is the expensive part of assembling and needs no state, so a server does it
/// concurrently, outside the one owner of the assembler.
public struct PreparedBatch: Sendable {
    public let batch: TelemetryBatch
    let spanCalls: [SpanKey: Result<ModelCall, ContentProblem>]
}

/// Placed records not yet built into fragments; `build()` needs no state, so it too can run
/// outside the assembler's owner.
public struct AssemblyWork: Sendable {
    var pieces: [String: [GenAIAssembler.Piece]] = [:]
    var order: [String] = []
    var rejected: [RejectedRecord] = []

    func has(_ id: String) -> Bool { pieces[id] != nil }

    mutating func add(_ id: String, _ piece: GenAIAssembler.Piece) {
        if pieces[id] == nil { order.append(id) }
        pieces[id, default: []].append(piece)
    }

    /// One fragment per conversation touched.
    public func build() -> AssemblyResult {
        AssemblyResult(conversations: order.compactMap { id in pieces[id].map { FragmentBuilder.conversation(id: id, pieces: $0) } },
                       rejected: rejected)
    }
}

/// Turns OpenTelemetry GenAI spans and log records into conversation fragments.
///
/// Telemetry arrives split across requests, endpoints and in any order: a chat span may come
/// before the agent span that names its conversation, and log events before the span they were
/// emitted in. The assembler therefore keeps state:
///
/// - spans it has placed in a conversation (`known`), so later children and late log records
///   join the right conversation;
/// - spans whose conversation depends on a parent not seen yet, and log records whose span is
///   not seen yet (`pending`). They wait at most `Limits.pendingTTL`; then, or when the pending
///   set is full, or on `flush()` (graceful shutdown, end of a file), they are placed with the
///   fallback id `otel-trace-<traceId>` (or the record's own conversation attribute).
///
/// Everything else is emitted at once as a fragment; a conversation seen across many requests
/// is emitted as many fragments, which the store merges in order (see `TranscriptMerge`).
///
/// Not thread-safe: one owner (the server's ingest actor, or one file import).
public final class GenAIAssembler {
    public struct Limits: Sendable {
        /// Spans and log records waiting for their parent or span, together.
        public var maxPending: Int
        /// Placed spans remembered for late children and log records.
        public var maxKnownSpans: Int
        /// How long a record waits for what it depends on, in milliseconds.
        public var pendingTTLMilliseconds: Int64

        public init(maxPending: Int = 100_000, maxKnownSpans: Int = 100_000, pendingTTLMilliseconds: Int64 = 30_000) {
            self.maxPending = maxPending
            self.maxKnownSpans = maxKnownSpans
            self.pendingTTLMilliseconds = pendingTTLMilliseconds
        }
    }

    struct KnownSpan {
        var conversationID: String
        var startTimeUnixNano: UInt64
        var endTimeUnixNano: UInt64
    }

    struct Waiting<Item> {
        var item: Item
        var arrivedAt: Int64
    }

    /// One span's or log group's contribution to a conversation, collected before building.
    struct Piece: Sendable {
        var call: ModelCall?
        var startTimeUnixNano: UInt64
        var endTimeUnixNano: UInt64
        var attributes: Attributes
        var resource: Attributes
        var readFacts: Bool
    }

    public let limits: Limits
    private var known: [SpanKey: KnownSpan] = [:]
    private var knownOrder: [SpanKey] = []
    private var knownOrderHead = 0
    /// Log records already placed with their span: records of one span often straddle two log
    /// exports, and the late ones are read together with these so the call is whole again.
    private var placedLogs: [SpanKey: [TelemetryLogRecord]] = [:]
    /// Placed spans whose log events have not all come yet: an event-style call is whole once
    /// its `gen_ai.choice` (emitted last) is there. Value: when the first of them arrived.
    private var incompleteCalls: [SpanKey: Int64] = [:]
    private var pendingSpans: [SpanKey: Waiting<TelemetrySpan>] = [:]
    /// Content already read from spans not placed yet (see `prepare`).
    private var spanCalls: [SpanKey: Result<ModelCall, ContentProblem>] = [:]
    private var pendingLogs: [SpanKey: [Waiting<TelemetryLogRecord>]] = [:]
    private var pendingLogCount = 0
    /// Pending spans by the parent span they wait for.
    private var waitingOnParent: [SpanKey: [SpanKey]] = [:]

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Records held back waiting for a parent span or for their span.
    public var pendingCount: Int { pendingSpans.count + pendingLogCount + incompleteCalls.count }

    /// Reads each span's own content; no state, safe to run anywhere.
    public static func prepare(_ batch: TelemetryBatch) -> PreparedBatch {
        var calls: [SpanKey: Result<ModelCall, ContentProblem>] = [:]
        calls.reserveCapacity(batch.spans.count)
        for span in batch.spans {
            calls[span.key] = Result { () throws(ContentProblem) in try ModelCallReader.read(span: span, logs: []) }
        }
        return PreparedBatch(batch: batch, spanCalls: calls)
    }

    /// `prepare`, `add` and `build` in one: for single-owner uses such as a file import.
    public func add(_ batch: TelemetryBatch, now: Timestamp) -> AssemblyResult {
        add(Self.prepare(batch), now: now).build()
    }

    /// Adds one request's (or one file line's) spans and log records; returns what can be
    /// placed now, including pending records this batch completed.
    public func add(_ prepared: PreparedBatch, now: Timestamp) -> AssemblyWork {
        let batch = prepared.batch
        for (key, call) in prepared.spanCalls { spanCalls[key] = call }
        var work = AssemblyWork()
        work.rejected = batch.rejected
        let nowMs = now.millisecondsSinceEpoch

        var lateLogs: [SpanKey: [TelemetryLogRecord]] = [:]
        for record in batch.logRecords where Self.isGenAI(record) {
            guard let key = record.span else {
                placeStandalone([record], fallback: nil, into: &work)
                continue
            }
            if known[key] != nil {
                lateLogs[key, default: []].append(record)
            } else {
                pendingLogs[key, default: []].append(Waiting(item: record, arrivedAt: nowMs))
                pendingLogCount += 1
            }
        }

        for span in batch.spans {
            resolve(span, arrivedAt: nowMs, into: &work)
        }

        for (key, records) in lateLogs.sorted(by: { $0.key.description < $1.key.description }) {
            placedLogs[key, default: []] += records
            emitLogCall(key, waitForOutput: true, arrivedAt: nowMs, into: &work)
        }

        if pendingCount > limits.maxPending {
            evictOldestPending(into: &work)
        }
        return work
    }

    /// Places everything that has waited longer than the TTL, with fallback ids.
    public func expire(now: Timestamp) -> AssemblyWork {
        var work = AssemblyWork()
        let cutoff = now.millisecondsSinceEpoch - limits.pendingTTLMilliseconds
        let staleSpans = pendingSpans.filter { $0.value.arrivedAt <= cutoff }.map(\.key)
        let staleLogs = pendingLogs.filter { $0.value.contains { $0.arrivedAt <= cutoff } }.map(\.key)
        place(spans: staleSpans, logs: staleLogs, into: &work)
        for (key, since) in incompleteCalls.sorted(by: { $0.key.description < $1.key.description }) where since <= cutoff {
            emitLogCall(key, waitForOutput: false, arrivedAt: since, into: &work)
        }
        return work
    }

    /// Places everything pending, with fallback ids: the end of a file, or a server shutting down.
    public func flush() -> AssemblyWork {
        var work = AssemblyWork()
        place(spans: Array(pendingSpans.keys), logs: Array(pendingLogs.keys), into: &work)
        for key in incompleteCalls.keys.sorted(by: { $0.description < $1.description }) {
            emitLogCall(key, waitForOutput: false, arrivedAt: 0, into: &work)
        }
        return work
    }

    /// Emits the call read from a placed span's log events, or (while its output has not come
    /// and `waitForOutput`) keeps waiting for the rest of them.
    private func emitLogCall(_ key: SpanKey, waitForOutput: Bool, arrivedAt: Int64, into work: inout AssemblyWork) {
        guard let span = known[key], let logs = placedLogs[key] else {
            incompleteCalls[key] = nil
            return
        }
        do {
            var call = try ModelCallReader.read(span: nil, logs: logs)
            if waitForOutput && call.output.isEmpty {
                incompleteCalls[key] = incompleteCalls[key] ?? arrivedAt
                return
            }
            incompleteCalls[key] = nil
            guard call.hasContent else { return }
            call.startTimeUnixNano = span.startTimeUnixNano
            call.endTimeUnixNano = span.endTimeUnixNano
            work.add(span.conversationID, Piece(call: call, startTimeUnixNano: span.startTimeUnixNano, endTimeUnixNano: span.endTimeUnixNano,
                                                attributes: Attributes(), resource: Attributes(), readFacts: false))
        } catch {
            incompleteCalls[key] = nil
            work.rejected.append(RejectedRecord(kind: .logRecord, location: "span \(key)", reason: error.reason, span: key))
        }
    }

    // MARK: Placing spans

    private func resolve(_ span: TelemetrySpan, arrivedAt: Int64, into work: inout AssemblyWork) {
        var queue = [span]
        while let next = queue.popLast() {
            let id: String?
            if let own = SpanFacts.conversationID(next.attributes, resource: next.resource) {
                id = own
            } else if let parent = next.parentSpanID {
                id = known[SpanKey(traceID: next.key.traceID, spanID: parent)]?.conversationID
            } else {
                id = SpanFacts.fallbackID(traceID: next.key.traceID)
            }
            guard let id else {
                let parent = SpanKey(traceID: next.key.traceID, spanID: next.parentSpanID ?? "")
                if pendingSpans[next.key] == nil { waitingOnParent[parent, default: []].append(next.key) }
                pendingSpans[next.key] = Waiting(item: next, arrivedAt: arrivedAt)
                continue
            }
            pendingSpans[next.key] = nil
            place(next, conversationID: id, arrivedAt: arrivedAt, into: &work)
            for child in waitingOnParent.removeValue(forKey: next.key) ?? [] {
                if let waiting = pendingSpans[child] { queue.append(waiting.item) }
            }
        }
    }

    private func place(_ span: TelemetrySpan, conversationID: String, arrivedAt: Int64, into work: inout AssemblyWork) {
        remember(span, conversationID: conversationID)
        let logs = (pendingLogs.removeValue(forKey: span.key) ?? []).map(\.item)
        pendingLogCount -= logs.count
        if !logs.isEmpty { placedLogs[span.key, default: []] += logs }
        var call: ModelCall?
        do {
            let read: ModelCall
            if logs.isEmpty, let prepared = spanCalls.removeValue(forKey: span.key) {
                read = try prepared.get()
            } else {
                spanCalls[span.key] = nil
                read = try ModelCallReader.read(span: span, logs: logs)
            }
            call = read.hasContent ? read : nil
            if !logs.isEmpty && read.output.isEmpty {
                // Some of the span's events are still on their way (an export split them).
                incompleteCalls[span.key] = arrivedAt
                call = nil
            }
        } catch {
            work.rejected.append(RejectedRecord(kind: .span, location: "span \(span.key) '\(span.name)'", reason: error.reason, span: span.key))
            return
        }
        let conversational = SpanFacts.isConversational(span)
        // A trace with no conversation id anywhere only becomes a conversation if it has content.
        let isFallback = conversationID.hasPrefix(SpanFacts.traceFallbackPrefix)
        guard call != nil || (conversational && !isFallback) || (conversational && work.has(conversationID)) else { return }
        work.add(conversationID, Piece(call: call, startTimeUnixNano: span.startTimeUnixNano, endTimeUnixNano: span.endTimeUnixNano,
                                       attributes: span.attributes, resource: span.resource, readFacts: conversational))
    }

    /// Log records with no span to join: their own conversation attribute, else the fallback.
    private func placeStandalone(_ records: [TelemetryLogRecord], fallback: String?, into work: inout AssemblyWork) {
        guard let first = records.first else { return }
        guard let id = SpanFacts.conversationID(first.attributes, resource: first.resource) ?? fallback else {
            work.rejected.append(RejectedRecord(kind: .logRecord, location: "event \(first.eventName ?? "")",
                                                reason: "a GenAI event with no trace context and no gen_ai.conversation.id cannot be placed in a conversation"))
            return
        }
        do {
            let call = try ModelCallReader.read(span: nil, logs: records)
            guard call.hasContent else { return }
            work.add(id, Piece(call: call, startTimeUnixNano: call.startTimeUnixNano, endTimeUnixNano: call.endTimeUnixNano,
                               attributes: first.attributes, resource: first.resource, readFacts: true))
        } catch {
            work.rejected.append(RejectedRecord(kind: .logRecord, location: "event \(first.eventName ?? "")", reason: error.reason,
                                                span: first.span))
        }
    }

    private func place(spans: [SpanKey], logs: [SpanKey], into work: inout AssemblyWork) {
        // Oldest first, so a parent placed with a fallback id is there for its children.
        let ordered = spans.compactMap { pendingSpans[$0] }.sorted {
            ($0.item.startTimeUnixNano, $0.item.key.description) < ($1.item.startTimeUnixNano, $1.item.key.description)
        }
        for waiting in ordered where pendingSpans[waiting.item.key] != nil {
            let span = waiting.item
            pendingSpans[span.key] = nil
            let id = span.parentSpanID.flatMap { known[SpanKey(traceID: span.key.traceID, spanID: $0)]?.conversationID }
                ?? SpanFacts.fallbackID(traceID: span.key.traceID)
            place(span, conversationID: id, arrivedAt: waiting.arrivedAt, into: &work)
            for child in waitingOnParent.removeValue(forKey: span.key) ?? [] {
                if let waitingChild = pendingSpans[child] {
                    resolve(waitingChild.item, arrivedAt: waitingChild.arrivedAt, into: &work)
                }
            }
        }
        for key in logs.sorted(by: { $0.description < $1.description }) {
            guard let records = pendingLogs.removeValue(forKey: key) else { continue }
            pendingLogCount -= records.count
            placeStandalone(records.map(\.item), fallback: SpanFacts.fallbackID(traceID: key.traceID), into: &work)
        }
        waitingOnParent = waitingOnParent.filter { !$0.value.allSatisfy { pendingSpans[$0] == nil } }
    }

    private func evictOldestPending(into work: inout AssemblyWork) {
        let excess = pendingCount - limits.maxPending / 2
        guard excess > 0 else { return }
        let oldestSpans = pendingSpans.sorted { $0.value.arrivedAt < $1.value.arrivedAt }.prefix(excess).map(\.key)
        let oldestLogs = pendingLogs.sorted { ($0.value.first?.arrivedAt ?? 0) < ($1.value.first?.arrivedAt ?? 0) }.prefix(excess).map(\.key)
        place(spans: oldestSpans, logs: oldestLogs, into: &work)
    }

    private func remember(_ span: TelemetrySpan, conversationID: String) {
        if known.updateValue(KnownSpan(conversationID: conversationID, startTimeUnixNano: span.startTimeUnixNano,
                                       endTimeUnixNano: span.endTimeUnixNano), forKey: span.key) == nil {
            knownOrder.append(span.key)
        }
        while known.count > limits.maxKnownSpans, knownOrderHead < knownOrder.count {
            known[knownOrder[knownOrderHead]] = nil
            placedLogs[knownOrder[knownOrderHead]] = nil
            incompleteCalls[knownOrder[knownOrderHead]] = nil
            knownOrderHead += 1
        }
        if knownOrderHead > 4096 && knownOrderHead * 2 > knownOrder.count {
            knownOrder.removeFirst(knownOrderHead)
            knownOrderHead = 0
        }
    }

    static func isGenAI(_ record: TelemetryLogRecord) -> Bool {
        if let name = record.eventName, name.hasPrefix("gen_ai.") { return true }
        return record.attributes[ModelCallReader.inputKey] != nil || record.attributes[ModelCallReader.outputKey] != nil
    }
}

enum FragmentBuilder {
    static func conversation(id: String, pieces: [GenAIAssembler.Piece]) -> Conversation {
        let sorted = pieces.enumerated().sorted {
            ($0.element.startTimeUnixNano, $0.element.endTimeUnixNano, $0.offset) < ($1.element.startTimeUnixNano, $1.element.endTimeUnixNano, $1.offset)
        }.map(\.element)
        var conversation = Conversation(id: id)
        var turns: [Turn] = []
        for piece in sorted {
            if let call = piece.call {
                turns = TranscriptMerge.merge(turns, TranscriptBuilder.turns(of: call))
            }
            if let start = Timestamp(unixNano: piece.startTimeUnixNano), conversation.startedAt.map({ start < $0 }) ?? true {
                conversation.startedAt = start
            }
            if let end = Timestamp(unixNano: piece.endTimeUnixNano), conversation.endedAt.map({ end > $0 }) ?? true {
                conversation.endedAt = end
            }
            guard piece.readFacts else { continue }
            let user = SpanFacts.user(piece.attributes)
            let resourceUser = SpanFacts.user(piece.resource)
            conversation.user.id = conversation.user.id ?? user.id ?? resourceUser.id
            conversation.user.account = conversation.user.account ?? user.account ?? resourceUser.account
            conversation.user.plan = conversation.user.plan ?? user.plan ?? resourceUser.plan
            conversation.user.accountAgeDays = conversation.user.accountAgeDays ?? user.accountAgeDays ?? resourceUser.accountAgeDays
            if conversation.agent == nil { conversation.agent = piece.attributes.string("gen_ai.agent.name") }
            for (key, value) in SpanFacts.metadata(piece.attributes, resource: piece.resource) {
                conversation.metadata[key] = value
            }
        }
        if conversation.agent == nil {
            conversation.agent = sorted.lazy.compactMap { $0.resource.string("service.name") }.first
        }
        conversation.turns = turns
        return conversation
    }
}

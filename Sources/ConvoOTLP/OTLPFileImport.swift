import ConvoBase
import ConvoModel

/// One problem found while reading an OTLP JSON export file.
public struct OTLPFileRecordError: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line of the file (the line of the JSON document for whole-file documents).
    public var line: Int
    public var message: String
    /// The offending text (one line, possibly cut), for `.convo/rejected/`.
    public var record: String

    public init(line: Int, message: String, record: String) {
        self.line = line
        self.message = message
        self.record = record
    }

    public var description: String { "line \(line): \(message)" }
}

public struct OTLPFileImportResult: Sendable {
    public var conversations: [Conversation]
    public var errors: [OTLPFileRecordError]
}

/// OTLP JSON export files (the collector's file exporter writes one `ExportTraceServiceRequest`
/// or `ExportLogsServiceRequest` JSON object per line; hand-made exports may be one document).
/// Each line may hold `resourceSpans`, `resourceLogs`, or both; lines holding neither (metrics)
/// are skipped. Assembly runs over the whole file, so order inside the file does not matter.
public enum OTLPFileImport {
    public static func read(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> OTLPFileImportResult {
        let assembler = GenAIAssembler(limits: .init(maxPending: .max, maxKnownSpans: .max, pendingTTLMilliseconds: .max))
        var errors: [OTLPFileRecordError] = []
        var documents: [(line: Int, value: JSONValue, text: ArraySlice<UInt8>)] = []
        if let whole = try? JSONParser.parse(bytes, maxDepth: maxDepth), whole.objectValue != nil {
            documents.append((1, whole, bytes[...]))
        } else {
            var lineNumber = 0
            var start = bytes.startIndex
            while start < bytes.endIndex {
                lineNumber += 1
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
                let line = bytes[start..<end]
                start = end < bytes.endIndex ? end + 1 : end
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                do {
                    documents.append((lineNumber, try JSONParser.parse(Array(line), maxDepth: maxDepth), line))
                } catch {
                    errors.append(OTLPFileRecordError(line: lineNumber, message: "not valid JSON: \(error)", record: excerpt(line)))
                }
            }
        }
        var conversations: [String: Conversation] = [:]
        var order: [String] = []
        func collect(_ result: AssemblyResult, line: Int, text: ArraySlice<UInt8>) {
            for fragment in result.conversations {
                if let existing = conversations[fragment.id] {
                    conversations[fragment.id] = combine(existing, fragment)
                } else {
                    order.append(fragment.id)
                    conversations[fragment.id] = fragment
                }
            }
            for rejected in result.rejected {
                errors.append(OTLPFileRecordError(line: line, message: rejected.description, record: excerpt(text)))
            }
        }
        let epoch = Timestamp(millisecondsSinceEpoch: 0)
        for document in documents {
            var batch = TelemetryBatch()
            do {
                if document.value["resourceSpans"] != nil {
                    let traces = try OTLPJSONDecoder.traces(document.value)
                    batch.spans = traces.spans
                    batch.rejected += traces.rejected
                }
                if document.value["resourceLogs"] != nil {
                    let logs = try OTLPJSONDecoder.logs(document.value)
                    batch.logRecords = logs.logRecords
                    batch.rejected += logs.rejected
                }
            } catch {
                errors.append(OTLPFileRecordError(line: document.line, message: error.message, record: excerpt(document.text)))
                continue
            }
            if document.value.objectValue == nil {
                errors.append(OTLPFileRecordError(line: document.line, message: "expected a JSON object, found \(document.value.typeName)",
                                                  record: excerpt(document.text)))
                continue
            }
            collect(assembler.add(batch, now: epoch), line: document.line, text: document.text)
        }
        collect(assembler.flush().build(), line: documents.last?.line ?? 0, text: [])
        return OTLPFileImportResult(conversations: order.compactMap { conversations[$0] }, errors: errors)
    }

    /// Two fragments of one conversation from the same file, combined the way the store merges.
    static func combine(_ a: Conversation, _ b: Conversation) -> Conversation {
        var merged = a
        merged.turns = TranscriptMerge.merge(a.turns, b.turns)
        merged.startedAt = [a.startedAt, b.startedAt].compactMap { $0 }.min()
        merged.endedAt = [a.endedAt, b.endedAt].compactMap { $0 }.max()
        merged.agent = a.agent ?? b.agent
        merged.user.id = a.user.id ?? b.user.id
        merged.user.account = a.user.account ?? b.user.account
        merged.user.plan = a.user.plan ?? b.user.plan
        merged.user.accountAgeDays = a.user.accountAgeDays ?? b.user.accountAgeDays
        merged.metadata.merge(b.metadata) { _, new in new }
        return merged
    }

    static func excerpt(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}

import ConvoBase
import Foundation

/// Appends what the server refused to `.convo/rejected/serve-DAY.jsonl`, one JSON object per
/// line with the time, endpoint, reason and (a bounded excerpt of) the record, so nothing a
/// client sent disappears without a trace.
final class RejectedLog {
    let directory: URL?

    init(directory: URL?) {
        self.directory = directory
    }

    func append(endpoint: String, reason: String, record: String, at time: Timestamp) {
        guard let directory else { return }
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("at"); writer.string(time.iso8601)
        writer.key("endpoint"); writer.string(endpoint)
        writer.key("reason"); writer.string(reason)
        writer.key("record"); writer.string(String(record.prefix(16_384)))
        writer.endObject()
        var line = writer.bytes
        line.append(0x0A)
        let file = directory.appendingPathComponent("serve-\(time.day.iso8601).jsonl")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = FileManager.default.createFile(atPath: file.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line))
        } catch {
            // Losing a rejection note must not fail the request that caused it.
        }
    }
}

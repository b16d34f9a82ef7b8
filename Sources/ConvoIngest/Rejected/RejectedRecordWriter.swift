import ConvoBase
import Foundation

/// Appends records convo could not accept to `.convo/rejected/<name>.jsonl`, one JSON object per
/// line: `{"source", "line", "reason", "record" | "record_base64", "truncated", "bytes", "rejected_at"}`.
/// `source` is the input file, or the endpoint for `convo serve`. The raw record is kept (cut to
/// `maxRecordBytes`) so the user can fix it and ingest it again; records that are not valid UTF-8
/// (or protobuf bodies) are kept as base64. The directory is never committed.
///
/// `convo ingest` and `convo serve` both write through it. Safe to share between threads and
/// tasks: appends are serialized by a lock and the file stays open between them.
public final class RejectedRecordWriter: @unchecked Sendable {
    public let url: URL
    public let maxRecordBytes: Int
    private let lock = NSLock()
    private var handle: FileHandle?
    private var written = 0

    /// - Parameters:
    ///   - directory: usually `Workspace.rejectedDirectory`.
    ///   - name: the file's base name: `ingest`, `accounts`, `serve`.
    public init(directory: URL, name: String = "ingest", maxRecordBytes: Int = 64 * 1024) {
        url = directory.appendingPathComponent("\(name).jsonl")
        self.maxRecordBytes = maxRecordBytes
    }

    deinit {
        try? handle?.close()
    }

    /// Records appended through this writer.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    public func append(_ rejection: RecordRejection, at time: Timestamp? = nil) throws {
        try append(source: rejection.location.file, line: rejection.location.line, reason: rejection.error.description,
                   raw: rejection.raw, at: time)
    }

    public func append(source: String, line: Int?, reason: String, raw: [UInt8]?, at time: Timestamp? = nil) throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("source"); writer.string(source)
        if let line { writer.key("line"); writer.int(line) }
        writer.key("reason"); writer.string(reason)
        if let raw {
            let kept = raw.count > maxRecordBytes ? Array(raw[0..<maxRecordBytes]) : raw
            if let text = String(validating: kept, as: UTF8.self) {
                writer.key("record"); writer.string(text)
            } else if raw.count > maxRecordBytes, let text = String(validating: utf8Prefix(kept), as: UTF8.self) {
                // Cut inside a multi-byte character: drop the partial character.
                writer.key("record"); writer.string(text)
            } else {
                writer.key("record_base64"); writer.string(Data(kept).base64EncodedString())
            }
            if raw.count > maxRecordBytes {
                writer.key("truncated"); writer.bool(true)
            }
            writer.key("bytes"); writer.int(raw.count)
        }
        writer.key("rejected_at"); writer.string((time ?? Timestamp.now).iso8601)
        writer.endObject()
        var line = writer.bytes
        line.append(0x0A)

        lock.lock()
        defer { lock.unlock() }
        if handle == nil {
            let manager = FileManager.default
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !manager.fileExists(atPath: url.path) { _ = manager.createFile(atPath: url.path, contents: nil) }
            let opened = try FileHandle(forWritingTo: url)
            try opened.seekToEnd()
            handle = opened
        }
        try handle?.write(contentsOf: Data(line))
        written += 1
    }

    /// The longest prefix that does not end inside a UTF-8 sequence.
    private func utf8Prefix(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        var back = 0
        while end > 0 && back < 4 && bytes[end - 1] & 0xC0 == 0x80 {
            end -= 1
            back += 1
        }
        if end > 0 && bytes[end - 1] >= 0xC0 { end -= 1 }
        return Array(bytes[0..<end])
    }
}

extension Timestamp {
    /// The current instant, from the system clock.
    static var now: Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}

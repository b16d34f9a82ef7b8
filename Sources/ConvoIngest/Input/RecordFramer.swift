import Foundation

/// What the framer found in the byte stream.
public enum FramerEvent {
    /// One record's bytes (valid only during the callback), and the line it starts on.
    case record(UnsafeRawBufferPointer, line: Int)
    /// A record longer than the limit; its bytes were skipped, never held in memory.
    case oversize(line: Int, bytes: Int)
    /// Bytes that cannot be a record (brackets never closed, stray closing bracket).
    case malformed(line: Int, message: String, raw: [UInt8])
}

/// Splits a byte stream into JSON records, bounded in memory by `maxRecordBytes`, with the line
/// each record starts on.
///
/// Layouts, decided from the first record:
/// - **lines** (JSONL / NDJSON): one record per line; CRLF and blank lines are fine. A broken line
///   costs only that line.
/// - **values**: the file starts with `[` (its elements are the records: a JSON array export), or
///   its first record spans several lines (pretty-printed objects, one after another). A value
///   whose brackets never close is cut at the next line that starts a new object at column 0.
///
/// A leading UTF-8 byte-order mark is skipped.
public struct RecordFramer {
    public enum Layout: Sendable, Equatable {
        case lines
        case values
    }

    public let maxRecordBytes: Int
    public private(set) var layout: Layout?

    private var buffer: [UInt8] = []
    /// Where unprocessed bytes start in `buffer`.
    private var position = 0
    /// Line number at `position`.
    private var line = 1
    private var sawFirstByte = false
    /// Lines layout: bytes before this offset are known to hold no newline.
    private var scannedTo = 0

    // Values layout state.
    private var inRecord = false
    private var recordStart = 0
    private var recordLine = 1
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var isScalar = false
    private var insideTopArray = false
    private var atLineStart = true
    /// Bytes of an oversize record skipped so far (values or lines layout); -1 when not skipping.
    private var skipped = -1

    public init(maxRecordBytes: Int) {
        self.maxRecordBytes = max(1, maxRecordBytes)
    }

    /// Frames the next chunk of input.
    public mutating func feed(_ chunk: [UInt8], _ emit: (FramerEvent) throws -> Void) rethrows {
        if position > 0 && (position >= buffer.count || position > 1 << 20) {
            // Drop consumed bytes (keeping an unfinished record) before growing the buffer.
            let keepFrom = inRecord && layout != .lines ? min(recordStart, position) : position
            buffer.removeSubrange(0..<keepFrom)
            recordStart -= keepFrom
            position -= keepFrom
            scannedTo = max(0, scannedTo - keepFrom)
        }
        buffer.append(contentsOf: chunk)
        try process(atEnd: false, emit)
    }

    /// The input ended: emits the last record (a final line without a newline) or reports a
    /// value left unclosed.
    public mutating func finish(_ emit: (FramerEvent) throws -> Void) rethrows {
        try process(atEnd: true, emit)
    }

    private mutating func process(atEnd: Bool, _ emit: (FramerEvent) throws -> Void) rethrows {
        if !sawFirstByte {
            skipByteOrderMark(atEnd: atEnd)
            guard sawFirstByte else { return }
        }
        if layout == .lines {
            try processLines(atEnd: atEnd, emit)
        } else {
            try processValues(atEnd: atEnd, emit)
        }
    }

    private mutating func skipByteOrderMark(atEnd: Bool) {
        guard buffer.count - position >= 3 || atEnd else { return }
        sawFirstByte = true
        if buffer.count - position >= 3 && buffer[position] == 0xEF && buffer[position + 1] == 0xBB && buffer[position + 2] == 0xBF {
            position += 3
        }
    }

    // MARK: Lines

    private mutating func processLines(atEnd: Bool, _ emit: (FramerEvent) throws -> Void) rethrows {
        while position < buffer.count {
            let from = max(position, scannedTo)
            let newline: Int? = buffer.withUnsafeBytes { bytes in
                guard let base = bytes.baseAddress, from < bytes.count,
                      let found = memchr(base + from, 0x0A, bytes.count - from) else { return nil }
                return base.distance(to: UnsafeRawPointer(found))
            }
            scannedTo = newline ?? buffer.count
            guard let end = newline else {
                let pendingBytes = buffer.count - position
                if skipped >= 0 {
                    skipped += pendingBytes
                    position = buffer.count
                } else if pendingBytes > maxRecordBytes {
                    skipped = pendingBytes
                    position = buffer.count
                }
                break
            }
            try emitLine(upTo: end, emit)
            position = end + 1
            line += 1
        }
        if atEnd {
            if skipped >= 0 {
                try emit(.oversize(line: line, bytes: skipped))
                skipped = -1
            } else if position < buffer.count {
                try emitLine(upTo: buffer.count, emit)
                position = buffer.count
            }
        }
    }

    private mutating func emitLine(upTo end: Int, _ emit: (FramerEvent) throws -> Void) rethrows {
        if skipped >= 0 {
            let total = skipped + (end - position)
            skipped = -1
            try emit(.oversize(line: line, bytes: total))
            return
        }
        // The limit counts the line's raw bytes (a CR included), as skipping does.
        if end - position > maxRecordBytes {
            try emit(.oversize(line: line, bytes: end - position))
            return
        }
        var stop = end
        if stop > position && buffer[stop - 1] == 0x0D { stop -= 1 }
        // Blank lines (only whitespace) are not records.
        var first = position
        while first < stop, buffer[first] == 0x20 || buffer[first] == 0x09 || buffer[first] == 0x0D { first += 1 }
        guard first < stop else { return }
        let currentLine = line
        try buffer.withUnsafeBytes { bytes in
            try emit(.record(UnsafeRawBufferPointer(rebasing: bytes[position..<stop]), line: currentLine))
        }
    }

    // MARK: Values

    private mutating func processValues(atEnd: Bool, _ emit: (FramerEvent) throws -> Void) rethrows {
        var i = position
        while i < buffer.count {
            let byte = buffer[i]
            if !inRecord {
                switch byte {
                case 0x0A:
                    line += 1
                    atLineStart = true
                    i += 1
                    continue
                case 0x20, 0x09, 0x0D:
                    i += 1
                    continue
                case UInt8(ascii: ",") where insideTopArray:
                    i += 1
                    continue
                case UInt8(ascii: "]") where insideTopArray:
                    insideTopArray = false
                    i += 1
                    continue
                case UInt8(ascii: "[") where !insideTopArray:
                    layout = .values
                    insideTopArray = true
                    atLineStart = false
                    i += 1
                    continue
                default:
                    if layout == nil && byte != UInt8(ascii: "{") {
                        // Not JSON-looking at all: line by line, so each bad line is its own error.
                        layout = .lines
                        position = i
                        return try processLines(atEnd: atEnd, emit)
                    }
                    inRecord = true
                    recordStart = i
                    recordLine = line
                    depth = 0
                    inString = false
                    escaped = false
                    // Numbers and literals end at a delimiter; strings, objects and arrays at their close.
                    isScalar = byte != UInt8(ascii: "{") && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "\"")
                    atLineStart = false
                    if byte == UInt8(ascii: "\"") {
                        inString = true
                        i += 1
                        continue
                    }
                }
            }
            // Inside a record.
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 {
                        // A string that is the whole record.
                        try endRecord(at: i + 1, emit)
                        if layout == .lines { return try processLines(atEnd: atEnd, emit) }
                        i = position
                        continue
                    }
                } else if byte == 0x0A {
                    // A raw newline cannot be inside a JSON string: end the string here so one
                    // broken record does not swallow the rest of the file.
                    inString = false
                    if depth == 0 {
                        try endRecord(at: i, emit)
                        if layout == .lines { return try processLines(atEnd: atEnd, emit) }
                        i = position
                        continue
                    }
                    line += 1
                    atLineStart = true
                }
                i += 1
                continue
            }
            if isScalar {
                if i > recordStart && (byte == 0x0A || byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: ",")
                    || (byte == UInt8(ascii: "]") && insideTopArray)) {
                    // The delimiter itself is handled outside the record.
                    try endRecord(at: i, emit)
                    if layout == .lines { return try processLines(atEnd: atEnd, emit) }
                    i = position
                    continue
                }
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if atLineStart && depth > 0 && !insideTopArray && byte == UInt8(ascii: "{") {
                    // A new object at column 0 while the previous one is still open: the previous
                    // one is broken. Report it and start over here.
                    try reportUnclosed(upTo: i, emit)
                    i = position
                    continue
                }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth <= 0 {
                    try endRecord(at: i + 1, emit)
                    if layout == .lines { return try processLines(atEnd: atEnd, emit) }
                    i = position
                    continue
                }
            case 0x0A:
                line += 1
                atLineStart = true
                i += 1
                continue
            default:
                break
            }
            atLineStart = false
            i += 1
            if skipped < 0 && inRecord && i - recordStart > maxRecordBytes {
                // Too big to hold: keep scanning for its end without keeping its bytes.
                skipped = i - recordStart
                recordStart = i
            } else if skipped >= 0 && i - recordStart > 1 << 20 {
                skipped += i - recordStart
                recordStart = i
            }
        }
        position = i
        if atEnd && inRecord {
            if isScalar {
                try endRecord(at: buffer.count, emit)
            } else {
                try reportUnclosed(upTo: buffer.count, emit, atEnd: true)
            }
        }
    }

    private mutating func endRecord(at end: Int, _ emit: (FramerEvent) throws -> Void) rethrows {
        inRecord = false
        if layout == nil {
            // The first record decides: one line means JSONL.
            layout = recordLine == line ? .lines : .values
        }
        if skipped >= 0 {
            let total = skipped + (end - recordStart)
            skipped = -1
            try emit(.oversize(line: recordLine, bytes: total))
        } else if end - recordStart > maxRecordBytes {
            try emit(.oversize(line: recordLine, bytes: end - recordStart))
        } else {
            let start = recordStart
            let startLine = recordLine
            try buffer.withUnsafeBytes { bytes in
                try emit(.record(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), line: startLine))
            }
        }
        position = end
    }

    private mutating func reportUnclosed(upTo end: Int, _ emit: (FramerEvent) throws -> Void, atEnd: Bool = false) rethrows {
        inRecord = false
        if layout == nil { layout = .values }
        let raw = skipped >= 0 ? [] : Array(buffer[recordStart..<min(end, recordStart + 4096)])
        skipped = -1
        let message = atEnd
            ? "the input ends inside a JSON value that started here (truncated file?)"
            : "a JSON value that started here never closes its brackets before line \(line)"
        try emit(.malformed(line: recordLine, message: message, raw: raw))
        position = end
    }
}

import CZlib

/// Why compressed input could not be read.
public enum DecompressionError: UserFacingError, Equatable {
    /// The stream ended before the compressed data did.
    case truncated
    /// The bytes are not valid gzip/zlib data.
    case corrupt(String)
    /// The data inflates to more than the allowed size.
    case tooLarge(limit: Int)

    public var message: String {
        switch self {
        case .truncated: return "compressed data is truncated"
        case .corrupt(let detail): return "compressed data is corrupt (\(detail))"
        case .tooLarge(let limit): return "decompressed data is larger than the limit of \(limit) bytes"
        }
    }

    public var exitStatus: ExitStatus { .usage }
}

/// Streaming gzip/zlib decompression with a hard cap on the output size, so a small hostile
/// body cannot expand into gigabytes ("zip bomb").
///
/// Feed chunks as they arrive and call `finish()` at the end; concatenated gzip members are
/// read one after another, as `gunzip` does.
public final class Inflater {
    private var stream = z_stream()
    private var open = false
    private var ended = false
    private let limit: Int
    public private(set) var totalOut = 0

    /// - Parameter limit: the most bytes the whole stream may inflate to.
    public init(limit: Int = Int.max) throws(DecompressionError) {
        self.limit = limit
        // 15 + 32: accept both gzip and zlib headers.
        let rc = convo_inflate_init2(&stream, 15 + 32)
        guard rc == Z_OK else { throw .corrupt("inflateInit2 returned \(rc)") }
        open = true
    }

    deinit {
        if open { inflateEnd(&stream) }
    }

    /// Inflates one chunk of input and returns the bytes it produced.
    public func feed(_ input: UnsafeRawBufferPointer) throws(DecompressionError) -> [UInt8] {
        var output: [UInt8] = []
        guard input.count > 0 else { return output }
        var offset = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while offset < input.count {
            if ended {
                // Another gzip member follows; skip trailing zero padding some writers add.
                if input[offset] == 0 {
                    offset += 1
                    continue
                }
                inflateReset(&stream)
                ended = false
            }
            let base = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }
            stream.next_in = base.map { $0 + offset }
            stream.avail_in = uInt(input.count - offset)
            var rc: Int32 = Z_OK
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                if rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR {
                    let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                    throw .corrupt(detail)
                }
                totalOut += produced
                if totalOut > limit { throw .tooLarge(limit: limit) }
                output.append(contentsOf: chunk[0..<produced])
                if rc == Z_STREAM_END { break }
                if rc == Z_BUF_ERROR && stream.avail_in == 0 { break }
            } while stream.avail_out == 0 || stream.avail_in > 0
            let consumed = (input.count - offset) - Int(stream.avail_in)
            offset += consumed
            if rc == Z_STREAM_END {
                ended = true
            } else if consumed == 0 {
                break
            }
        }
        return output
    }

    public func feed(_ input: [UInt8]) throws(DecompressionError) -> [UInt8] {
        let result = input.withUnsafeBytes { buffer in
            Result { () throws(DecompressionError) in try feed(buffer) }
        }
        return try result.get()
    }

    /// Checks that the stream ended cleanly; a missing end means the input was cut off.
    public func finish() throws(DecompressionError) {
        guard ended else { throw .truncated }
    }

    /// Inflates a whole buffer at once.
    public static func inflate(_ data: [UInt8], limit: Int) throws(DecompressionError) -> [UInt8] {
        let inflater = try Inflater(limit: limit)
        let out = try inflater.feed(data)
        try inflater.finish()
        return out
    }

    /// Whether the bytes start with the gzip magic number.
    public static func isGzip(_ prefix: some Collection<UInt8>) -> Bool {
        var iterator = prefix.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }
}

/// gzip compression, for tests, benchmarks and clients that send compressed bodies.
public enum Deflater {
    public static func gzip(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: write a gzip header and trailer.
        guard convo_deflate_init2(&stream, level, 15 + 16) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 32)
        var data = data
        let produced: Int = data.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                _ = deflate(&stream, Z_FINISH)
                return out.count - Int(stream.avail_out)
            }
        }
        return Array(output[0..<produced])
    }
}

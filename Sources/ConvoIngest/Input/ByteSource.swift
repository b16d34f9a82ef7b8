import ConvoBase
import Foundation

/// Reads an input in chunks, never whole, and inflates gzip data on the fly. Compression is
/// recognised by its magic number, not by the file name, so a `.jsonl` that is really gzip works
/// and a `.gz` that is not compressed is read as is.
public final class ByteSource {
    /// What the user called the input (`data/export.jsonl.gz`, `-`).
    public let name: String
    /// Size on disk when known (regular files), for progress.
    public let size: Int?
    /// Compressed bytes read so far.
    public private(set) var consumed = 0
    public private(set) var isCompressed = false

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// An in-memory input (a request body) instead of a descriptor.
    private var memory: [UInt8]?
    private var inflater: Inflater?
    private var started = false
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var atEnd = false
    private var buffer: [UInt8]

    /// Raw reads; gzip input is fed to the inflater in smaller pieces so one highly compressed
    /// chunk cannot balloon (deflate expands at most ~1000×).
    private static let readSize = 256 * 1024
    private static let compressedFeedSize = 16 * 1024

    /// Bytes already in memory, read like a file (gzip included).
    public init(bytes: [UInt8], name: String) {
        self.name = name
        size = bytes.count
        descriptor = -1
        ownsDescriptor = false
        memory = bytes
        buffer = []
    }

    /// Opens a file, or standard input for `-`.
    public init(path: String) throws(IngestInputError) {
        name = path
        buffer = [UInt8](repeating: 0, count: ByteSource.readSize)
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            size = nil
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestInputError("no such file", source: path, hints: ["check the path; use `-` to read standard input"])
        }
        guard !isDirectory.boolValue else {
            throw IngestInputError("is a directory, not a file", source: path, hints: ["pass the files inside it, e.g. `\(path)/*.jsonl`"])
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw IngestInputError("cannot open: \(String(cString: strerror(errno)))", source: path)
        }
        descriptor = fd
        ownsDescriptor = true
        var info = stat()
        size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next chunk of (decompressed) bytes, or nil at the end.
    public func next() throws(IngestInputError) -> [UInt8]? {
        while true {
            if pendingOffset < pending.count, let inflater {
                let end = min(pending.count, pendingOffset + ByteSource.compressedFeedSize)
                let piece = Array(pending[pendingOffset..<end])
                pendingOffset = end
                let out: [UInt8]
                do { out = try inflater.feed(piece) } catch { throw inputError(error) }
                if !out.isEmpty { return out }
                continue
            }
            if atEnd {
                if let inflater {
                    do { try inflater.finish() } catch { throw inputError(error) }
                    self.inflater = nil
                }
                return nil
            }
            if let bytes = memory {
                memory = nil
                atEnd = true
                guard !bytes.isEmpty else { continue }
                consumed = bytes.count
                started = true
                if Inflater.isGzip(bytes) {
                    isCompressed = true
                    do { inflater = try Inflater() } catch { throw inputError(error) }
                    pending = bytes
                    pendingOffset = 0
                    continue
                }
                return bytes
            }
            if descriptor < 0 {
                atEnd = true
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestInputError("read failed: \(String(cString: strerror(errno)))", source: name)
            }
            if count == 0 {
                atEnd = true
                continue
            }
            consumed += count
            let chunk = Array(buffer[0..<count])
            if !started {
                started = true
                // Magic number check needs two bytes; a one-byte first read is vanishingly rare
                // and just means "not compressed".
                if Inflater.isGzip(chunk) {
                    isCompressed = true
                    do { inflater = try Inflater() } catch { throw inputError(error) }
                }
            }
            if inflater != nil {
                pending = chunk
                pendingOffset = 0
                continue
            }
            return chunk
        }
    }

    private func inputError(_ error: DecompressionError) -> IngestInputError {
        switch error {
        case .truncated:
            return IngestInputError("gzip data is truncated (the file was cut off)", source: name,
                                    hints: ["the records before the cut were ingested; re-copy the file and ingest it again"])
        case .corrupt(let detail):
            return IngestInputError("gzip data is corrupt (\(detail))", source: name,
                                    hints: ["check the file with `gzip -t`"])
        case .tooLarge(let limit):
            return IngestInputError("gzip data inflates past \(limit) bytes", source: name)
        }
    }
}

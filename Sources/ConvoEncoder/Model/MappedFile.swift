#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory. Weights are read in place instead of being copied,
/// so loading is fast and pages of rarely used rows (most of the vocabulary) are never touched.
final class MappedFile: @unchecked Sendable {
    // Safe to share: the mapping is read-only and lives until deinit.
    let bytes: UnsafeRawBufferPointer
    let path: String

    init(path: String) throws(ModelFileError) {
        self.path = path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ModelFileError(path: path, "cannot open the file (\(MappedFile.systemMessage()))",
                                 hints: [ModelFileError.installHint])
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw ModelFileError(path: path, "cannot read the file's size (\(MappedFile.systemMessage()))")
        }
        let size = Int(status.st_size)
        guard size > 0 else {
            throw ModelFileError(path: path, "the file is empty", hints: [ModelFileError.installHint])
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw ModelFileError(path: path, "cannot map the file into memory (\(MappedFile.systemMessage()))")
        }
        bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(address), count: size)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }

    private static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}

/// Read-only Float storage for weights: either a view into the mapped safetensors file (F32 data
/// at an aligned offset) or memory of its own (converted F16/BF16, fused matrices).
final class FloatBuffer: @unchecked Sendable {
    // Safe to share: never written after init.
    let pointer: UnsafePointer<Float>
    let count: Int
    private let owner: MappedFile?
    private let allocated: UnsafeMutablePointer<Float>?

    /// A view into `file`, which the buffer keeps mapped.
    init(viewing pointer: UnsafePointer<Float>, count: Int, in file: MappedFile) {
        self.pointer = pointer
        self.count = count
        owner = file
        allocated = nil
    }

    /// Storage of its own, `count` floats filled by `fill`.
    init(count: Int, fill: (UnsafeMutablePointer<Float>) -> Void) {
        let memory = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        fill(memory)
        pointer = UnsafePointer(memory)
        self.count = count
        owner = nil
        allocated = memory
    }

    /// Several buffers one after another (Q, K and V weights become one matrix, one GEMM).
    convenience init(concatenating parts: [FloatBuffer]) {
        self.init(count: parts.reduce(0) { $0 + $1.count }) { destination in
            var offset = 0
            for part in parts {
                (destination + offset).update(from: part.pointer, count: part.count)
                offset += part.count
            }
        }
    }

    deinit {
        allocated?.deallocate()
    }

    var buffer: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: pointer, count: count) }
}

import ConvoBase

/// A `.safetensors` file: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the data. Everything in the header is checked
/// against the file before any tensor is read, so a truncated or corrupt file is an error that
/// names the tensor, never an out-of-bounds read.
struct SafeTensorsFile: Sendable {
    enum DType: String, Sendable {
        case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
        case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
        case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8", bool = "BOOL"
        case f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"

        var size: Int {
            switch self {
            case .f64, .i64, .u64: return 8
            case .f32, .i32, .u32: return 4
            case .f16, .bf16, .i16, .u16: return 2
            case .i8, .u8, .bool, .f8e4m3, .f8e5m2: return 1
            }
        }
    }

    struct Tensor: Sendable {
        var name: String
        var dtype: DType
        var shape: [Int]
        /// Byte range within the data section.
        var range: Range<Int>
    }

    /// Header bytes beyond this are not a model file (real headers are tens of kilobytes).
    static let maximumHeaderSize = 100 << 20

    let file: MappedFile
    let tensors: [String: Tensor]
    /// The header's bytes, for fingerprinting the model without hashing all of its weights.
    let headerBytes: [UInt8]
    private let dataStart: Int

    var path: String { file.path }

    init(path: String) throws(ModelFileError) {
        try self.init(file: MappedFile(path: path))
    }

    init(file: MappedFile) throws(ModelFileError) {
        self.file = file
        let bytes = file.bytes
        let path = file.path
        guard bytes.count >= 8 else {
            throw ModelFileError(path: path, "the file is \(bytes.count) bytes long, too short for a safetensors header",
                                 hints: [ModelFileError.installHint])
        }
        var headerLength: UInt64 = 0
        for index in (0..<8).reversed() {
            headerLength = headerLength << 8 | UInt64(bytes[index])
        }
        guard headerLength <= UInt64(SafeTensorsFile.maximumHeaderSize), Int(headerLength) <= bytes.count - 8 else {
            throw ModelFileError(path: path, "the safetensors header claims \(headerLength) bytes but the file has \(bytes.count - 8) after the length; the file is truncated or not safetensors",
                                 hints: [ModelFileError.installHint])
        }
        let header = UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + Int(headerLength))])
        headerBytes = Array(header)
        dataStart = 8 + Int(headerLength)
        let dataSize = bytes.count - dataStart
        let json: JSONValue
        do {
            json = try JSONParser.parse(header, maxDepth: 8)
        } catch {
            throw ModelFileError(path: path, "the safetensors header is not valid JSON: \(error)",
                                 hints: [ModelFileError.installHint])
        }
        guard let entries = json.objectValue else {
            throw ModelFileError(path: path, "the safetensors header is \(json.typeName), expected an object of tensors")
        }
        var tensors: [String: Tensor] = [:]
        for (name, entry) in entries where name != "__metadata__" {
            tensors[name] = try SafeTensorsFile.tensor(named: name, entry, dataSize: dataSize, path: path)
        }
        self.tensors = tensors
    }

    private static func tensor(named name: String, _ entry: JSONValue, dataSize: Int, path: String) throws(ModelFileError) -> Tensor {
        func invalid(_ problem: String) -> ModelFileError {
            ModelFileError(path: path, "tensor '\(name)': \(problem)", hints: [ModelFileError.installHint])
        }
        guard let dtypeName = entry["dtype"]?.stringValue else { throw invalid("'dtype' is missing or not a string") }
        guard let dtype = DType(rawValue: dtypeName) else { throw invalid("unknown dtype '\(dtypeName)'") }
        guard let shapeValues = entry["shape"]?.arrayValue else { throw invalid("'shape' is missing or not an array") }
        var shape: [Int] = []
        var elements = 1
        for value in shapeValues {
            guard let dimension = value.intValue, dimension >= 0, dimension <= Int64(Int32.max) else {
                throw invalid("'shape' must hold non-negative integers")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: Int(dimension))
            guard !overflow else { throw invalid("'shape' \(shapeValues) is too large") }
            elements = product
            shape.append(Int(dimension))
        }
        guard let offsets = entry["data_offsets"]?.arrayValue, offsets.count == 2,
              let begin = offsets[0].intValue, let end = offsets[1].intValue else {
            throw invalid("'data_offsets' must be two integers")
        }
        guard begin >= 0, begin <= end, end <= Int64(dataSize) else {
            throw invalid("data_offsets [\(begin), \(end)] fall outside the \(dataSize) bytes of data; the file is truncated or corrupt")
        }
        let (byteCount, overflow) = elements.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, Int64(byteCount) == end - begin else {
            throw invalid("shape \(shape) of \(dtypeName) needs \(overflow ? "too many" : String(byteCount)) bytes but data_offsets cover \(end - begin)")
        }
        return Tensor(name: name, dtype: dtype, shape: shape, range: Int(begin)..<Int(end))
    }

    /// The tensor as Float values, checked against the shape the model needs. F32 data at an
    /// aligned offset is used in place; F16, BF16 and F64 are converted.
    func floats(_ name: String, shape expected: [Int]) throws(ModelFileError) -> FloatBuffer {
        guard let tensor = tensors[name] else {
            let close = Suggestions.closest(to: name, in: tensors.keys.sorted(), limit: 1)
            throw ModelFileError(path: path, "tensor '\(name)' is missing",
                                 hints: close.map { "did you mean '\($0)'?" } + [ModelFileError.installHint])
        }
        guard tensor.shape == expected else {
            throw ModelFileError(path: path, "tensor '\(name)' has shape \(tensor.shape), expected \(expected) from config.json",
                                 hints: ["config.json and model.safetensors must come from the same model"])
        }
        let count = tensor.shape.reduce(1, *)
        guard let start = file.bytes.baseAddress else {
            throw ModelFileError(path: path, "the file is empty")
        }
        let base = start + dataStart + tensor.range.lowerBound
        switch tensor.dtype {
        case .f32:
            if Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 {
                return FloatBuffer(viewing: base.assumingMemoryBound(to: Float.self), count: count, in: file)
            }
            return FloatBuffer(count: count) { out in
                for index in 0..<count {
                    out[index] = base.loadUnaligned(fromByteOffset: index * 4, as: Float.self)
                }
            }
        case .f16:
            return FloatBuffer(count: count) { out in
                for index in 0..<count {
                    out[index] = Float(halfBits: base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
                }
            }
        case .bf16:
            return FloatBuffer(count: count) { out in
                for index in 0..<count {
                    let bits = base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)
                    out[index] = Float(bitPattern: UInt32(bits) << 16)
                }
            }
        case .f64:
            return FloatBuffer(count: count) { out in
                for index in 0..<count {
                    out[index] = Float(base.loadUnaligned(fromByteOffset: index * 8, as: Double.self))
                }
            }
        default:
            throw ModelFileError(path: path, "tensor '\(name)' is \(tensor.dtype.rawValue), expected a floating-point dtype (F32, F16, BF16)")
        }
    }
}

extension Float {
    /// IEEE 754 binary16 → binary32, exactly (Float16 is not available on every platform Swift
    /// targets, e.g. macOS on Intel).
    init(halfBits bits: UInt16) {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1f)
        let mantissa = UInt32(bits & 0x03ff)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa × 2^-24.
            let magnitude = Float(mantissa) * 0x1p-24
            self = sign == 0 ? magnitude : -magnitude
        case 0x1f:
            self = Float(bitPattern: sign | 0x7f80_0000 | mantissa << 13)
        default:
            self = Float(bitPattern: sign | UInt32(exponent + 112) << 23 | mantissa << 13)
        }
    }
}

import ConvoBase
import Foundation

/// A decoded 8-bit RGB or RGBA PNG (what Chromium writes), so tests can check what a rendered
/// page shows: its size, and whether the colours of its charts are on it.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// RGB triples, row by row.
    public let rgb: [UInt8]

    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw PNGError("cannot read \(url.path)") }
        try self.init(bytes: [UInt8](data))
    }

    public init(bytes: [UInt8]) throws {
        guard bytes.count > 8, bytes.prefix(8).elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw PNGError("not a PNG file")
        }
        var offset = 8
        var width = 0, height = 0, colorType = 0
        var compressed: [UInt8] = []
        func uint32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        while offset + 8 <= bytes.count {
            let length = uint32(offset)
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            let body = offset + 8
            guard body + length + 4 <= bytes.count else { throw PNGError("chunk \(type) is cut off") }
            switch type {
            case "IHDR":
                width = uint32(body)
                height = uint32(body + 4)
                guard bytes[body + 8] == 8, bytes[body + 12] == 0 else { throw PNGError("only 8-bit, non-interlaced PNGs are supported") }
                colorType = Int(bytes[body + 9])
                guard colorType == 2 || colorType == 6 else { throw PNGError("colour type \(colorType) is not RGB or RGBA") }
            case "IDAT":
                compressed += bytes[body..<body + length]
            default:
                break
            }
            offset = body + length + 4
        }
        let channels = colorType == 6 ? 4 : 3
        let stride = width * channels
        let raw = try Inflater.inflate(compressed, limit: (stride + 1) * height + 1)
        guard raw.count == (stride + 1) * height else { throw PNGError("image data has \(raw.count) bytes, expected \((stride + 1) * height)") }
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for i in 0..<stride {
                let x = raw[source + i]
                let a = i >= channels ? Int(pixels[target + i - channels]) : 0
                let b = row > 0 ? Int(pixels[target - stride + i]) : 0
                let c = row > 0 && i >= channels ? Int(pixels[target - stride + i - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw PNGError("unknown filter \(filter) on row \(row)")
                }
                pixels[target + i] = UInt8(truncatingIfNeeded: Int(x) + predicted)
            }
        }
        var rgb = [UInt8]()
        rgb.reserveCapacity(width * height * 3)
        for pixel in 0..<(width * height) {
            rgb += pixels[pixel * channels..<pixel * channels + 3]
        }
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// How many pixels are within `tolerance` (per channel) of the colour `hex` (`#2f6fde`).
    public func count(of hex: String, tolerance: Int = 6) -> Int {
        let digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return 0 }
        let (r, g, b) = ((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF)
        var count = 0
        var index = 0
        while index < rgb.count {
            if abs(Int(rgb[index]) - r) <= tolerance && abs(Int(rgb[index + 1]) - g) <= tolerance && abs(Int(rgb[index + 2]) - b) <= tolerance {
                count += 1
            }
            index += 3
        }
        return count
    }

    /// The rows (0-based) holding at least one pixel that is not white: where content is.
    public func nonWhiteRows() -> [Int] {
        (0..<height).filter { row in
            let start = row * width * 3
            return rgb[start..<start + width * 3].contains { $0 < 250 }
        }
    }
}

public struct PNGError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

import Foundation

/// Slugs for intent ids and Markdown heading anchors.
public enum Slug {
    /// Lower-case ASCII letters and digits joined by single hyphens, the way GitHub anchors headings:
    /// `"Webhooks: not firing?"` → `"webhooks-not-firing"`. Accents are folded (`é` → `e`),
    /// apostrophes vanish (`don't` → `dont`), other characters separate words. Empty when nothing is left.
    public static func make(_ text: String, maxLength: Int = 64) -> String {
        // Most headings are ASCII: no folding to do, and the Unicode path costs far more (the
        // pre-push hook slugs every heading of every pushed prompt version).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return makeASCII(text, maxLength: maxLength) }
        var out = ""
        var pendingHyphen = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingHyphen = true
            }
        }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out
    }

    /// `make` for ASCII text, byte by byte, with the same result.
    private static func makeASCII(_ text: String, maxLength: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, maxLength))
        var pendingHyphen = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "'"):
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                out.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
            default:
                pendingHyphen = true
            }
        }
        if out.count > maxLength {
            out.removeLast(out.count - maxLength)
            while out.last == UInt8(ascii: "-") { out.removeLast() }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is a valid slug: `[a-z0-9]+(-[a-z0-9]+)*`.
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

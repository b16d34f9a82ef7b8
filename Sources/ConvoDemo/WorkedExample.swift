import ConvoBase
import Foundation

/// The worked example at the top of the repository (a developer-tool support agent's prompts,
/// configs and two hand-written intents), compiled into the binary so `convo demo` needs no
/// checkout. `scripts/embed-worked-example` regenerates `WorkedExample+Files.swift`.
public enum WorkedExample {
    public struct File: Sendable, Hashable {
        /// Repository-relative, with `/` separators.
        public let path: String
        public let contents: String
    }

    /// Every file of the example, by path: the embedded ones, and `.convo/config.yaml` and
    /// `.convo/.gitignore`, which are `convo init`'s templates (a test keeps the repository's
    /// copies equal to them).
    public static var files: [File] {
        (embeddedFiles + [File(path: ".convo/config.yaml", contents: ConfigTemplate.configYAML),
                          File(path: ".convo/.gitignore", contents: ConfigTemplate.gitignore)])
            .sorted { $0.path < $1.path }
    }

    /// The intent the demo's prepared edit fixes.
    public static let preparedIntent = "webhook-not-firing"

    /// The prepared edit, as a patch against the example: what a developer would otherwise write
    /// in an editor or get from `convo propose --draft`.
    public static let preparedPatchPath = ".convo/demo/webhook-not-firing.patch"

    /// Writes every file under `root`, creating directories as needed.
    public static func write(to root: URL) throws {
        for file in files {
            let target = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: target)
        }
    }
}

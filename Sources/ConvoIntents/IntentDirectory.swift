import ConvoBase
import Foundation

/// The `intents/` directory of a repository: one `ID.intent` file per intent.
public struct IntentDirectory: Sendable {
    public let workspace: Workspace

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// `intents/ID.intent`, relative to the repository root.
    public func relativePath(id: String) -> String { "intents/\(id).intent" }

    /// Every `.intent` file, relative to the repository root, sorted.
    public func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.intentsDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".intent") && !$0.hasPrefix(".") }.sorted().map { "intents/\($0)" }
    }

    /// The ids the files are named after, sorted.
    public func ids() -> [String] {
        files().map { String($0.dropFirst("intents/".count).dropLast(".intent".count)) }
    }

    /// Reads a file (repository-relative path) as a document; it may still hold problems.
    public func document(at relativePath: String) throws(ConvoError) -> IntentDocument {
        let url = workspace.root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConvoError.usage("no such file '\(relativePath)'", hints: ["paths are relative to the repository root"])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConvoError.usage("'\(relativePath)' is not UTF-8 text", at: SourceLocation(file: relativePath))
        }
        return IntentDocument(text: text, file: relativePath)
    }

    /// The document of intent `id`; a missing id is a usage error suggesting close ones.
    public func document(id: String) throws(ConvoError) -> IntentDocument {
        let path = relativePath(id: id)
        guard FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(path).path) else {
            var hints = Suggestions.closest(to: id, in: ids()).map { "did you mean '\($0)'?" }
            hints.append("run `convo intent list` to see the intents")
            throw ConvoError.usage("no intent '\(id)' (no file \(path))", hints: hints)
        }
        return try document(at: path)
    }

    /// The intent `id`, which must be free of errors.
    public func intent(id: String) throws -> Intent {
        let document = try document(id: id)
        guard let intent = document.intent else { throw DiagnosticsError(document.parsed.diagnostics, exitStatus: .usage) }
        return intent
    }

    /// Every intent that reads without errors, by id, and the problems of those that do not.
    public func loadAll() -> (intents: [Intent], diagnostics: [Diagnostic]) {
        var intents: [Intent] = []
        var diagnostics: [Diagnostic] = []
        for path in files() {
            do {
                let document = try document(at: path)
                if let intent = document.intent { intents.append(intent) } else { diagnostics += document.parsed.diagnostics }
            } catch {
                diagnostics.append(Diagnostic(error: error))
            }
        }
        return (intents.sorted { $0.id < $1.id }, diagnostics)
    }

    /// Writes a new intent in canonical form and returns its repository-relative path.
    /// - Throws: a usage error, leaving the existing file untouched, when the id is taken.
    @discardableResult
    public func create(_ intent: Intent) throws(ConvoError) -> String {
        let path = relativePath(id: intent.id)
        let url = workspace.root.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw ConvoError.usage("intent '\(intent.id)' already exists (\(path))", at: SourceLocation(file: path),
                                   hints: ["pick another id, or edit the file; `convo intent link` adds sections to it"])
        }
        try write(IntentWriter.write(intent), to: path)
        return path
    }

    /// Rewrites `fields` of an existing intent from `updated`, keeping every other byte.
    /// - Returns: whether the file changed.
    @discardableResult
    public func update(id: String, fields: Set<IntentField>, from updated: Intent) throws -> Bool {
        let document = try document(id: id)
        let text = try document.updating(fields, from: updated)
        guard text != document.text else { return false }
        try write(text, to: document.file)
        return true
    }

    /// Writes a file atomically, creating `intents/` when needed.
    public func write(_ text: String, to relativePath: String) throws(ConvoError) {
        let url = workspace.root.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ConvoError("cannot write \(relativePath): \(error.localizedDescription)", at: SourceLocation(file: relativePath))
        }
    }
}

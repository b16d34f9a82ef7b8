import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// A scratch store plus the problems an ingest reported.
final class IngestHarness {
    let scratch: ScratchDirectory
    let store: SQLiteStore
    let rejected: RejectedRecordWriter
    private(set) var diagnostics: [Diagnostic] = []

    init() throws {
        scratch = try ScratchDirectory(prefix: "convo-ingest")
        store = try SQLiteStore(path: scratch.file("store.sqlite").path, synchronous: .normal)
        rejected = RejectedRecordWriter(directory: scratch.file("rejected"))
    }

    /// Ingests files (paths relative to the scratch directory, or absolute).
    @discardableResult
    func ingest(_ paths: [String], options: IngestOptions = IngestOptions()) throws -> IngestReport {
        let resolved = paths.map { $0.hasPrefix("/") || $0 == "-" ? $0 : scratch.file($0).path }
        let ingestor = Ingestor(store: store, options: options, rejected: rejected) { [unowned self] in diagnostics.append($0) }
        return try ingestor.ingest(paths: resolved)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try scratch.write(name, text).path
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let url = scratch.file(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func conversation(_ id: String) throws -> Conversation? { try store.conversation(id: id) }

    var ids: [String] {
        get throws { try store.conversations(matching: .all).map(\.id).sorted() }
    }

    /// Rendered diagnostics with the scratch path shortened to the file name.
    var messages: [String] {
        diagnostics.map { $0.rendered().replacingOccurrences(of: scratch.url.path + "/", with: "") }
    }

    /// The entries of `rejected/ingest.jsonl`.
    func rejectedEntries() throws -> [[String: JSONValue]] {
        guard FileManager.default.fileExists(atPath: rejected.url.path) else { return [] }
        let text = try String(contentsOf: rejected.url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard case .object(let object) = try JSONParser.parse(String(line)) else { return [:] }
            return object
        }
    }
}

/// The committed real-format fixtures.
enum Fixtures {
    static let directory = ProjectPaths.root.appendingPathComponent("Tests/ConvoIngestTests/Fixtures")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
}

func turn(_ role: Role, _ content: String) -> Turn { Turn(role: role, content: content) }

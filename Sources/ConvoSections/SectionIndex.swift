import ConvoBase
import Foundation

/// The sections of many files at once (a work tree, or the files of a commit): what intent
/// validation and `convo intent new --touches` check addresses against.
public struct SectionIndex: Sendable {
    /// Parsed files by repository-relative path.
    public private(set) var files: [String: FileSections]

    /// An index of already parsed files, e.g. the blobs of one commit for the pre-push hook.
    public init(files: [FileSections] = []) {
        self.files = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Adds a file, replacing an earlier version of the same path.
    public mutating func add(_ file: FileSections) { files[file.path] = file }

    /// Every address, sorted.
    public var addresses: [String] { files.values.flatMap(\.addresses).sorted() }

    /// The section an address names, or nil when the file or anchor does not exist.
    public func section(at address: String) -> Section? {
        guard let parsed = SectionAddress(address), let file = files[parsed.path] else { return nil }
        return file.section(anchor: parsed.anchor)
    }

    /// Whether the address names an existing section; `./` prefixes and a trailing `#` are ignored.
    public func contains(_ address: String) -> Bool { section(at: address) != nil }

    /// Close matches for a mistyped address, best first: anchors of the same file first, then any.
    public func suggestions(for address: String, limit: Int = 3) -> [String] {
        let all = addresses
        if let parsed = SectionAddress(address), let file = files[parsed.path] {
            // Compare anchors alone: the shared path would make every anchor look close.
            let anchors = file.sections.compactMap(\.anchor)
            let close = Suggestions.closest(to: parsed.anchor ?? "", in: anchors, limit: limit)
            if !close.isEmpty { return close.map { SectionAddress(path: parsed.path, anchor: $0).description } }
        }
        return Suggestions.closest(to: address, in: all, limit: limit)
    }

    /// Checks an address, throwing a usage error with did-you-mean suggestions when it names no section.
    public func validate(_ address: String) throws(SectionError) {
        guard let parsed = SectionAddress(address) else {
            throw SectionError("'\(address)' is not a section address", file: address,
                               hints: ["write PATH#ANCHOR, e.g. prompts/support.md#webhooks, or a bare PATH"])
        }
        guard !contains(parsed.description) else { return }
        var hints = suggestions(for: parsed.description).map { "did you mean '\($0)'?" }
        hints.append(files[parsed.path] == nil
            ? "'\(parsed.path)' is not a governed file; run `convo sections` to list the addresses"
            : "run `convo sections \(parsed.path)` to list its addresses")
        throw SectionError("no section '\(parsed.description)'", file: parsed.path, hints: hints)
    }
}

extension SectionIndex {
    /// Reads and parses one file of the work tree.
    /// - Throws: `SectionError` naming the file when it is missing, unreadable, of an unknown type or malformed.
    public static func parseFile(_ relativePath: String, root: URL, format: SectionFormat? = nil) throws(SectionError) -> FileSections {
        let path = SectionAddress.normalize(path: relativePath)
        let url = root.appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SectionError("no such file '\(path)'", file: path,
                               hints: ["`convo sections` without arguments lists every governed file"])
        }
        guard format != nil || SectionFormat(path: path) != nil else { throw SectionError.unsupported(path) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SectionError("cannot read '\(path)'", file: path)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw SectionError("'\(path)' is not UTF-8 text", file: path)
        }
        return try SectionParser.parse(path: path, text: text, format: format)
    }

    /// The governed files of a work tree (matching `config.governed`), sorted. Only directories a
    /// glob can reach are walked (`prompts/**` walks `prompts/`), and hidden entries (`.git`,
    /// `.build`, `.convo`) are skipped.
    public static func governedFiles(root: URL, config: ConvoConfig) -> [String] {
        let globs = config.governed.map(Glob.init)
        let manager = FileManager.default
        var found: Set<String> = []
        var visited: Set<String> = []
        var stack = Array(Set(config.governed.map(literalPrefix)))
        while let directory = stack.popLast() {
            guard visited.insert(directory).inserted else { continue }
            let url = directory.isEmpty ? root : root.appendingPathComponent(directory)
            guard let entries = try? manager.contentsOfDirectory(atPath: url.path) else { continue }
            for entry in entries where !entry.hasPrefix(".") {
                let relative = directory.isEmpty ? entry : "\(directory)/\(entry)"
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    stack.append(relative)
                } else if globs.contains(where: { $0.matches(relative) }) {
                    found.insert(relative)
                }
            }
        }
        return found.sorted()
    }

    /// The directories of a glob before its first wildcard: `prompts/wandb/*.yaml` → `prompts/wandb`.
    static func literalPrefix(_ pattern: String) -> String {
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
        let literal = segments.dropLast().prefix { !$0.contains(where: { "*?[".contains($0) }) }
        return literal.joined(separator: "/")
    }

    /// Every governed file of a work tree, parsed. Files of unknown type have only their
    /// whole-file section, since changing them still needs an intent.
    /// - Throws: the first file that cannot be parsed.
    public static func load(root: URL, config: ConvoConfig) throws(SectionError) -> SectionIndex {
        var index = SectionIndex()
        for path in governedFiles(root: root, config: config) {
            index.add(try parseFile(path, root: root, format: SectionFormat(path: path) ?? .plain))
        }
        return index
    }
}

public import ConvoGit
public import ConvoSections
import Dispatch
import Foundation

/// One version of a governed file, parsed: its sections, or why they could not be read (bad
/// YAML, not UTF-8), in which case rules treat the whole file as one section.
public enum ParsedFile: Sendable {
    case sections(FileSections)
    case unreadable(path: String, reason: String)

    public var sections: FileSections? {
        if case .sections(let sections) = self { sections } else { nil }
    }
}

/// Parsed sections and texts of blobs, each read and parsed at most once per run.
///
/// A push of 1,000 commits that each edit the same prompt reads every version of the prompt
/// twice (as the new side of one commit and the old side of the next); keyed by blob id, each
/// version is parsed once. Lives inside one task, like the `Repository` it reads from.
public final class SectionCache {
    public let repository: Repository
    private var parsed: [Key: ParsedFile] = [:]
    private var texts: [ObjectID: String?] = [:]

    private struct Key: Hashable {
        var path: String
        var blob: ObjectID
    }

    public init(repository: Repository) {
        self.repository = repository
    }

    /// The blob's contents as UTF-8 text; nil when it is not valid UTF-8.
    public func text(of blob: ObjectID) throws -> String? {
        if let cached = texts[blob] { return cached }
        let data = try repository.blob(blob)
        let text = String(validating: data, as: UTF8.self)
        texts[blob] = text
        return text
    }

    /// The sections of `blob` read as the file at `path` (the path picks the format and prefixes
    /// every address). Files of a type convo reads no sections from have their whole-file section.
    public func sections(path: String, blob: ObjectID) throws -> ParsedFile {
        let key = Key(path: path, blob: blob)
        if let cached = parsed[key] { return cached }
        let result = SectionCache.parse(path: path, text: try text(of: blob))
        parsed[key] = result
        return result
    }

    /// Reads the blobs (one at a time: libgit2 handles stay on this thread) and parses those not
    /// parsed yet on all cores, so that a long push pays for parsing once, in parallel.
    public func prefetch(_ files: [(path: String, blob: ObjectID)]) throws {
        var seen = Set<Key>()
        var pending: [(key: Key, text: String?)] = []
        for file in files {
            let key = Key(path: file.path, blob: file.blob)
            guard parsed[key] == nil, seen.insert(key).inserted else { continue }
            pending.append((key, try text(of: file.blob)))
        }
        guard pending.count > 1 else {
            for item in pending { parsed[item.key] = SectionCache.parse(path: item.key.path, text: item.text) }
            return
        }
        var results = [ParsedFile?](repeating: nil, count: pending.count)
        let inputs = pending
        results.withUnsafeMutableBufferPointer { buffer in
            let output = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
                output.buffer[index] = SectionCache.parse(path: inputs[index].key.path, text: inputs[index].text)
            }
        }
        for (index, item) in pending.enumerated() { parsed[item.key] = results[index] }
    }

    private static func parse(path: String, text: String?) -> ParsedFile {
        guard let text else { return .unreadable(path: path, reason: "it is not UTF-8 text") }
        do {
            return .sections(try SectionParser.parse(path: path, text: text, format: SectionFormat(path: path) ?? .plain))
        } catch {
            return .unreadable(path: path, reason: error.message)
        }
    }
}

/// Lends a buffer to `concurrentPerform`, whose iterations each write their own element.
private struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }
}

@available(*, unavailable)
extension SectionCache: Sendable {}

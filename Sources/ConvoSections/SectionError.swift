import ConvoBase
import Yams

/// A governed file whose sections cannot be read: an unknown type, a missing file, bad YAML or
/// JSON, or a malformed `convo:section` region. Always names the file, and the line when known.
public struct SectionError: UserFacingError, Equatable {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus

    public init(_ message: String, file: String, line: Int? = nil, hints: [String] = [], exitStatus: ExitStatus = .usage) {
        self.location = SourceLocation(file: file, line: line)
        self.message = message
        self.hints = hints
        self.exitStatus = exitStatus
    }

    static func unsupported(_ path: String) -> SectionError {
        SectionError("cannot find sections in '\(path)': unknown file type", file: path,
                     hints: ["sections are read from .md, .markdown, .prompt, .yaml, .yml and .json files"])
    }
}

extension SectionError {
    /// A Yams error as a located error: the line, the problem and what to check.
    public init(yaml error: any Error, file: String) {
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            let detail = context.map { " \($0.text)" } ?? ""
            self = SectionError("invalid YAML: \(problem)\(detail)", file: file, line: mark.line,
                                hints: ["check the indentation and quoting near line \(mark.line)"])
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            self = SectionError("duplicate key '\(duplicates.joined(separator: "', '"))'", file: file,
                                line: context.mark.line, hints: ["each key may appear once in a mapping"])
        case YamlError.reader(let problem, _, _, _):
            self = SectionError("cannot read YAML: \(problem)", file: file)
        default:
            self = SectionError("invalid YAML: \(error)", file: file)
        }
    }
}

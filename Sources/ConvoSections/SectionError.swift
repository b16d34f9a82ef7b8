import ConvoBase

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

/// How the process ends, as DESIGN.md "Output conventions" fixes it.
public enum ExitStatus: Int32, Sendable {
    /// Everything worked.
    case success = 0
    /// A finding: a hook refusal, a check failure, rejected records, or a failed operation.
    case finding = 1
    /// Bad usage or bad input: the user has something to fix before running again.
    case usage = 2
    /// A bug in convo itself.
    case internalFailure = 70
}

/// Where a problem is, so the user can jump to it.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE`, `FILE:LINE` or `FILE:LINE:COLUMN`.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}

/// An error a user can act on. Every library's error type conforms, and the CLI renders them all
/// in one place as `error: FILE:LINE: message` followed by `hint:` lines.
public protocol UserFacingError: Error, Sendable {
    /// The file (and line) the problem is in, when there is one.
    var location: SourceLocation? { get }
    /// What went wrong, in one sentence, without a trailing period.
    var message: String { get }
    /// What to do about it.
    var hints: [String] { get }
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var location: SourceLocation? { nil }
    public var hints: [String] { [] }
    public var exitStatus: ExitStatus { .finding }
}

/// A general error for the cases that need no type of their own.
public struct ConvoError: UserFacingError, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus

    public init(_ message: String, at location: SourceLocation? = nil, hints: [String] = [], exitStatus: ExitStatus = .finding) {
        self.message = message
        self.location = location
        self.hints = hints
        self.exitStatus = exitStatus
    }

    /// Bad usage or input (exit status 2).
    public static func usage(_ message: String, at location: SourceLocation? = nil, hints: [String] = []) -> ConvoError {
        ConvoError(message, at: location, hints: hints, exitStatus: .usage)
    }

    public var description: String { Diagnostic(error: self).rendered() }
}

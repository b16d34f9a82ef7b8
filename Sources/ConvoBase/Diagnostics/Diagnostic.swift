/// One problem found in the user's files, for commands that report every problem at once
/// (`convo intent validate`, `convo check`, the pre-push hook) instead of stopping at the first.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]

    public init(_ severity: Severity = .error, at location: SourceLocation? = nil, _ message: String, hints: [String] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hints = hints
    }

    public init(error: any UserFacingError) {
        self.init(.error, at: error.location, error.message, hints: error.hints)
    }

    /// The one format every message takes: `error: FILE:LINE: message`, then `hint: …` lines.
    public func rendered() -> String {
        var text = "\(severity.rawValue): "
        if let location { text += "\(location): " }
        text += message
        for hint in hints { text += "\nhint: \(hint)" }
        return text
    }

    public var description: String { rendered() }
}

/// Several diagnostics thrown together; the exit status follows the worst of them.
public struct DiagnosticsError: UserFacingError {
    public var diagnostics: [Diagnostic]
    public var exitStatus: ExitStatus

    public init(_ diagnostics: [Diagnostic], exitStatus: ExitStatus = .finding) {
        self.diagnostics = diagnostics
        self.exitStatus = exitStatus
    }

    public var message: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return errors == 1 ? "1 problem found" : "\(errors) problems found"
    }
}

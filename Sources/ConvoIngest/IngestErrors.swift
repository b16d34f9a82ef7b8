import ConvoBase
import ConvoModel

/// Why one record could not be ingested. The rest of its file still lands.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Path of the offending field inside the record (`messages[2].role`); nil for the record as a whole.
    public var field: String?
    public var message: String
    /// Lines past the record's first line where the problem is (multi-line records).
    public var lineOffset = 0

    public init(field: String? = nil, _ message: String, lineOffset: Int = 0) {
        self.field = field
        self.message = message
        self.lineOffset = lineOffset
    }

    public init(_ error: ConversationFormatError) {
        self.init(field: error.field.isEmpty ? nil : error.field, error.message)
    }

    /// `field 'messages[2].role': unknown role 'narrator'`, or just the message.
    public var description: String {
        guard let field, !field.isEmpty else { return message }
        return "field '\(field)': \(message)"
    }
}

/// A rejected record, located in its file.
public struct RecordRejection: Sendable, Hashable {
    public var location: SourceLocation
    public var error: RecordError
    /// The record as it appeared in the input (possibly cut short), for `.convo/rejected/`.
    public var raw: [UInt8]?

    public init(location: SourceLocation, error: RecordError, raw: [UInt8]? = nil) {
        self.location = location
        self.error = error
        self.raw = raw
    }

    public var diagnostic: Diagnostic { Diagnostic(.error, at: location, error.description) }
}

/// A whole input that cannot be read: missing, binary, compressed data broken, format unknown.
/// Other inputs of the same run still land; the run exits with status 2.
public struct IngestInputError: UserFacingError, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus { .usage }

    public init(_ message: String, source: String, line: Int? = nil, hints: [String] = []) {
        self.location = SourceLocation(file: source, line: line)
        self.message = message
        self.hints = hints
    }

    public var description: String { Diagnostic(error: self).rendered() }
}

/// A record error found after the fact (grouping formats), with the line of the record it concerns.
struct LocatedRecordError: Error {
    var line: Int
    var error: RecordError
}

import ConvoBase

/// A store that could not be opened, read or written. The location is the store itself, so the
/// user sees which file is at fault.
public struct StoreError: UserFacingError, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus

    public init(_ message: String, store: String? = nil, hints: [String] = [], exitStatus: ExitStatus = .finding) {
        self.message = message
        self.location = store.map { SourceLocation(file: $0) }
        self.hints = hints
        self.exitStatus = exitStatus
    }

    public var description: String { Diagnostic(error: self).rendered() }

    /// The store was written by a newer convo whose schema this one does not know.
    static func newerSchema(found: Int, known: Int, store: String) -> StoreError {
        StoreError("the store has schema version \(found), but this convo knows only up to version \(known)",
                   store: store, hints: ["upgrade convo; older versions never downgrade a store"])
    }

    /// The configured store kind has no implementation in this build.
    public static func unsupported(_ location: StoreLocation) -> StoreError {
        StoreError("the store '\(location)' is not supported by this build of convo",
                   hints: ["set `store: sqlite:.convo/store.sqlite` in .convo/config.yaml"], exitStatus: .usage)
    }
}

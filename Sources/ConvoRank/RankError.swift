import ConvoBase

/// An intent whose hand-set stage or fix cost the config does not know.
public struct RankError: UserFacingError, Equatable {
    public var message: String
    public var hints: [String]

    public init(_ message: String, hints: [String] = []) {
        self.message = message
        self.hints = hints
    }

    public var exitStatus: ExitStatus { .usage }

    static func unknownName(_ what: String, _ name: String, intent: String, known: [String], configKey: String) -> RankError {
        var hints: [String] = []
        if let close = Suggestions.closest(to: name, in: known).first { hints.append("did you mean '\(close)'?") }
        hints.append("known \(what)s: \(known.sorted().joined(separator: ", ")); add '\(name)' under '\(configKey)' in .convo/config.yaml to use it")
        return RankError("intent '\(intent)' sets \(what) '\(name)', which '\(configKey)' does not define", hints: hints)
    }
}

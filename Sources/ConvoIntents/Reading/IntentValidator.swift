import ConvoBase
import ConvoSections

/// Checks an intent file beyond its own syntax: its id matches its file name, every `touches`
/// address names a real section, its stage is one the config knows, and its exemplars carry no
/// personal data. Every problem is reported, each with file, line and field.
public struct IntentValidator: Sendable {
    /// Sections to check `touches` against; nil skips the check.
    public var sections: SectionIndex?
    /// Stages from `rank.stage_weights`; nil skips the check.
    public var stages: Set<String>?
    /// Kinds from `rank.fix_cost`; nil skips the check of a `fix_cost` given as a kind.
    public var fixCostKinds: Set<String>?
    /// When set, exemplars it would change are reported as unredacted personal data.
    public var redactor: Redactor?

    public init(sections: SectionIndex? = nil, stages: Set<String>? = nil, fixCostKinds: Set<String>? = nil,
                redactor: Redactor? = nil) {
        self.sections = sections
        self.stages = stages
        self.fixCostKinds = fixCostKinds
        self.redactor = redactor
    }

    /// Every problem in one file; empty when it is valid.
    /// - Parameter file: the path in messages, relative to the repository root (`intents/x.intent`).
    public func validate(text: String, file: String) -> [Diagnostic] {
        validate(IntentReader.read(text, file: file), file: file)
    }

    /// The same checks on a file already read, so callers that also need the intent read it once.
    public func validate(_ result: IntentParseResult, file: String) -> [Diagnostic] {
        var diagnostics = result.diagnostics
        func error(_ message: String, line: Int?, hints: [String] = []) {
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: line), message, hints: hints))
        }
        let name = String(file.split(separator: "/").last ?? Substring(file))
        if !name.hasSuffix(".intent") {
            error("intent files are named ID.intent, found '\(name)'", line: nil)
        }
        // Checks below need the fields the reader could read, even when others had problems.
        guard let intent = result.partial else { return diagnostics }
        let stem = name.hasSuffix(".intent") ? String(name.dropLast(".intent".count)) : name
        if !intent.id.isEmpty && Slug.isValid(intent.id) && intent.id != stem {
            error("field 'id' is '\(intent.id)' but the file is named '\(name)'", line: result.fieldLines[.id],
                  hints: ["rename the file to \(intent.id).intent, or set id: \(stem)"])
        }
        if let sections {
            for (position, touch) in intent.touches.enumerated() {
                do {
                    try sections.validate(touch)
                } catch let problem {
                    let line = position < result.touchLines.count ? result.touchLines[position] : result.fieldLines[.touches]
                    error("field 'touches': \(problem.message)", line: line, hints: problem.hints)
                }
            }
        }
        if let stages, let stage = intent.stage, !stages.contains(stage) {
            error("field 'stage' must be one of \(stages.sorted().joined(separator: ", ")), found '\(stage)'",
                  line: result.fieldLines[.stage], hints: ["stages come from rank.stage_weights in .convo/config.yaml"])
        }
        if let kinds = fixCostKinds, case .kind(let kind) = intent.fixCost, !kinds.contains(kind) {
            error("field 'fix_cost' must be a number or one of \(kinds.sorted().joined(separator: ", ")), found '\(kind)'",
                  line: result.fieldLines[.fixCost], hints: ["kinds come from rank.fix_cost in .convo/config.yaml"])
        }
        if let redactor {
            for exemplar in intent.signals.exemplars where redactor.redact(exemplar) != exemplar {
                error("field 'signals.exemplars' holds personal data: '\(redactor.redact(exemplar))' before redaction",
                      line: result.fieldLines[.signals], hints: ["replace the personal data with its placeholder, as shown"])
            }
        }
        // In file order, so a reader can work down the file; ties keep the order they were found.
        return diagnostics.enumerated().sorted {
            ($0.element.location?.line ?? 0, $0.offset) < ($1.element.location?.line ?? 0, $1.offset)
        }.map(\.element)
    }
}

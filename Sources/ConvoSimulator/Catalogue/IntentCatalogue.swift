import ConvoBase

/// The simulator's intents: the public facts about each (for tests and the demo) and, inside
/// the module, the compiled phrase patterns that generate its conversations.
public enum IntentCatalogue {
    /// Every intent, in catalogue order (most frequent areas first).
    public static var intents: [SimulatedIntent] { compiled.map(\.spec.intent) }

    public static var ids: [String] { compiled.map(\.spec.intent.id) }

    public static func intent(id: String) -> SimulatedIntent? {
        index(of: id).map { compiled[$0].spec.intent }
    }

    /// Relative base volume of each intent (before fixes and trends), for tests and summaries.
    public static func baseWeight(of id: String) -> Double? {
        index(of: id).map { compiled[$0].spec.weight }
    }

    static func index(of id: String) -> Int? {
        compiled.firstIndex { $0.spec.intent.id == id }
    }

    static let specs: [IntentSpec] = webhookSpecs + setupSpecs + reliabilitySpecs + billingSpecs + accountSpecs

    static let compiled: [CompiledIntent] = specs.map(CompiledIntent.init)

    /// Problems in the catalogue itself: unbalanced braces, unknown slots, duplicate ids, empty
    /// phrase lists. Empty when the catalogue is sound; the tests assert that.
    public static func problems() -> [String] {
        var problems: [String] = []
        var seen = Set<String>()
        for intent in compiled {
            let id = intent.spec.intent.id
            if !seen.insert(id).inserted { problems.append("\(id): duplicate id") }
            if !Slug.isValid(id) { problems.append("\(id): not a slug") }
            let lists: [(String, [Template])] = [
                ("openers", intent.openers), ("fragments", intent.fragments), ("details", intent.details),
                ("followUps", intent.followUps), ("misses", intent.misses), ("hits", intent.hits),
            ]
            let resolver = SlotResolver(local: intent.slots, facts: .placeholder)
            for (name, templates) in lists {
                if templates.isEmpty { problems.append("\(id): no \(name)") }
                for template in templates {
                    if !template.isWellFormed { problems.append("\(id): unbalanced braces in \(name): \(template.source)") }
                    for slot in template.slotNames where !resolver.knows(slot) {
                        problems.append("\(id): unknown slot $\(slot) in \(name): \(template.source)")
                    }
                }
            }
        }
        for (name, templates) in Vocabulary.shared.phrases.sorted(by: { $0.key < $1.key }) {
            for template in templates where !template.isWellFormed {
                problems.append("vocabulary $\(name): unbalanced braces: \(template.source)")
            }
        }
        for (name, templates) in SharedPhrases.all {
            for template in templates {
                if !template.isWellFormed { problems.append("shared \(name): unbalanced braces: \(template.source)") }
                let resolver = SlotResolver(local: SharedPhrases.offTopicSlots, facts: .placeholder)
                for slot in template.slotNames where !resolver.knows(slot) {
                    problems.append("shared \(name): unknown slot $\(slot): \(template.source)")
                }
            }
        }
        return problems
    }
}

/// An intent's patterns, parsed once.
struct CompiledIntent: Sendable {
    let spec: IntentSpec
    let openers: [Template]
    let fragments: [Template]
    let details: [Template]
    let followUps: [Template]
    let misses: [Template]
    let hits: [Template]
    let slots: [String: [Template]]
    let searchQueries: [Template]

    init(_ spec: IntentSpec) {
        self.spec = spec
        openers = spec.openers.map(Template.init)
        fragments = spec.fragments.map(Template.init)
        details = spec.details.map(Template.init)
        followUps = spec.followUps.map(Template.init)
        misses = spec.misses.map(Template.init)
        hits = spec.hits.map(Template.init)
        slots = Vocabulary.compile(spec.slots)
        var queries: [String] = []
        for tool in spec.tools {
            if case .searchDocs(let patterns) = tool { queries += patterns }
        }
        searchQueries = queries.map(Template.init)
    }
}

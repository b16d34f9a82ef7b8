import ConvoBase
import ConvoModel
import Foundation

/// Writes one scheduled conversation's turns: the user's opener, tool calls, the agent's
/// answers (which sometimes miss the point), the user's rephrasings, complaints, thanks or
/// silence, with realistic latencies and timestamps.
///
/// Content and typos come from two random streams keyed by the conversation, so each
/// conversation is the same whatever else is generated, and switching typos off changes only
/// the letters, never the words.
struct ConversationComposer {
    let configuration: SimulationConfiguration

    /// How much a user writes in one go.
    enum Length: CaseIterable {
        case fragment, short, normal, long
    }

    /// A piece of a message, and whether the typist may touch it (pastes are copied verbatim).
    struct Segment {
        var text: String
        var typed: Bool
    }

    func compose(_ scheduled: ScheduledConversation, book: AccountBook) -> Conversation {
        let account = book[scheduled.account]
        var rng = SeededRandom(seed: configuration.seed, stream: 3, scheduled.key)
        var keys = SeededRandom(seed: configuration.seed, stream: 4, scheduled.key)
        let facts = makeFacts(scheduled, account: account, &rng)
        var writer = TurnWriter(start: scheduled.start, typist: Typist(habit: Typist.habit(forUser: scheduled.user), level: configuration.typoLevel))
        let feature: String
        if let intentIndex = scheduled.intent {
            let intent = IntentCatalogue.compiled[intentIndex]
            feature = rng.chance(0.75) ? intent.spec.intent.feature : rng.pick(["dashboard", "docs", "settings", "onboarding"])
            composeIntent(intent, scheduled: scheduled, facts: facts, writer: &writer, &rng, &keys)
        } else {
            feature = rng.pick(["dashboard", "docs", "settings", "pricing", "home"])
            composeOffTopic(facts: facts, writer: &writer, &rng, &keys)
        }
        var metadata: [String: JSONValue] = [
            "feature": .string(feature),
            "channel": .string(channel(for: facts.plan, &rng)),
        ]
        if rng.chance(0.6) { metadata["sdk"] = .string(facts.stack.language) }
        return Conversation(
            id: scheduled.id, startedAt: scheduled.start, endedAt: writer.clock, agent: configuration.agent,
            user: UserInfo(id: scheduled.user, account: account.id, plan: account.plan.rawValue, accountAgeDays: scheduled.ageDays),
            metadata: metadata, turns: writer.turns)
    }

    private func makeFacts(_ scheduled: ScheduledConversation, account: AccountBook.Record, _ rng: inout SeededRandom) -> ConversationFacts {
        let liveChance: Double
        switch account.plan {
        case .trial: liveChance = scheduled.ageDays <= 3 ? 0.3 : 0.5
        case .free: liveChance = 0.5
        case .pro, .enterprise: liveChance = 0.75
        }
        let eventTypes = ConversationComposer.eventTypes
        let eventType = eventTypes[(Int(account.hash >> 30 % UInt64(eventTypes.count)) + rng.below(3)) % eventTypes.count]
        return ConversationFacts(
            accountID: account.id, userID: scheduled.user, plan: account.plan, accountAgeDays: scheduled.ageDays, mrr: account.mrr,
            company: account.company, stack: account.stack, eventType: eventType, day: scheduled.start.day,
            liveMode: rng.chance(liveChance), firstName: Names.firstName(Mix.hash(scheduled.user)),
            ticketID: "TCK-" + String(10_000 + Int(scheduled.key % 90_000)))
    }

    private func channel(for plan: SimulatedPlan, _ rng: inout SeededRandom) -> String {
        let roll = rng.unit()
        if plan == .enterprise, roll < 0.2 { return "slack-connect" }
        return roll < 0.58 ? "dashboard-chat" : roll < 0.88 ? "docs-widget" : "api-console"
    }

    // MARK: Intent conversations

    private func composeIntent(_ intent: CompiledIntent, scheduled: ScheduledConversation, facts: ConversationFacts,
                               writer: inout TurnWriter, _ rng: inout SeededRandom, _ keys: inout SeededRandom) {
        let slots = SlotResolver(local: intent.slots, facts: facts)
        let length = sampleLength(user: scheduled.user, &rng)
        let spec = intent.spec

        // A few people say hello first and ask only after the agent answers.
        if rng.chance(0.04) {
            writer.user([Segment(text: SharedPhrases.pick(Vocabulary.shared.phrases["hi"], &rng, slots) + rng.pick(["", "?", "!", ", anyone?", " 👋", "..."]), typed: true)], frustrated: false, &rng, &keys)
            writer.assistant(rng.pick(["Hi! How can I help you today?", "Hello! What can I help you with?", "Hi there 👋 What can I do for you?"]), &rng)
        }

        let core = (length == .fragment && !intent.fragments.isEmpty ? intent.fragments : intent.openers)
            .randomTemplate(&rng).render(&rng, slots)
        writer.user(opener(core: core, intent: intent, length: length, slots: slots, facts: facts, &rng), frustrated: false, &rng, &keys)

        let hitRate = scheduled.fixed ? max(spec.hitRate, 0.85) : spec.hitRate
        let recoveryRate = scheduled.fixed ? max(spec.recoveryRate, 0.85) : spec.recoveryRate
        var hit = rng.chance(hitRate)
        let abandonAfterMiss = [0.3, 0.45, 0.6, 1.0]
        var round = 0
        while true {
            // The agent: maybe a tool first, then an answer.
            let toolChance = round == 0 ? spec.toolRate : 0.15
            if !spec.tools.isEmpty, rng.chance(toolChance) {
                let use = rng.chance(0.6) ? spec.tools[0] : rng.pick(spec.tools)
                writer.tool(ToolCalls.make(use, intent: intent, facts: facts, userText: core, &rng), &rng)
            }
            writer.assistant(answer(intent: intent, hit: hit, slots: slots, &rng), &rng)

            if hit {
                let roll = rng.unit()
                if roll < 0.45 {
                    let wasBroken = spec.intent.kind == .bugReport || spec.intent.kind == .setupFriction
                    let thanks = wasBroken && rng.chance(0.6) ? SharedPhrases.fixedThanks : SharedPhrases.thanks
                    writer.user([Segment(text: thanks.randomTemplate(&rng).render(&rng, slots), typed: true)], frustrated: false, &rng, &keys)
                    if rng.chance(0.5) { writer.assistant(SharedPhrases.afterThanks.randomTemplate(&rng).render(&rng, slots), &rng) }
                } else if roll < 0.85 {
                    // Satisfied and gone.
                } else {
                    let question = SharedPhrases.afterHitQuestions.randomTemplate(&rng).render(&rng, slots)
                    writer.user([Segment(text: rng.pick(["", "ok and ", "thanks. ", "ok. ", "follow up: ", "cool, "]) + question, typed: true)],
                                frustrated: false, &rng, &keys)
                    writer.assistant(answer(intent: intent, hit: true, slots: slots, &rng), &rng)
                }
                return
            }

            // A miss: the user gives up, or tries again.
            if round >= abandonAfterMiss.count - 1 || rng.chance(abandonAfterMiss[round]) { return }
            round += 1
            let roll = rng.unit()
            if roll < 0.1 {
                writer.user([Segment(text: SharedPhrases.humanRequests.randomTemplate(&rng).render(&rng, slots), typed: true)], frustrated: true, &rng, &keys)
                writer.tool(ToolCalls.createTicket(subject: spec.intent.title, facts: facts, &rng), &rng)
                writer.assistant(SharedPhrases.ticketReplies.randomTemplate(&rng).render(&rng, slots), &rng)
                if rng.chance(0.3) { writer.user([Segment(text: rng.pick(["ok", "fine", "ok thanks", "finally", "k"]), typed: true)], frustrated: false, &rng, &keys) }
                return
            }
            writer.user(followUp(roll: roll, core: core, intent: intent, slots: slots, facts: facts, &rng), frustrated: true, &rng, &keys)
            hit = rng.chance(recoveryRate)
        }
    }

    /// The first message: greeting, context, the core question, details, a paste, a sign-off.
    private func opener(core: String, intent: CompiledIntent, length: Length, slots: SlotResolver, facts: ConversationFacts,
                        _ rng: inout SeededRandom) -> [Segment] {
        let spec = intent.spec
        let pasteFactor: Double
        switch length {
        case .fragment: pasteFactor = 0.3
        case .short: pasteFactor = 0.6
        case .normal: pasteFactor = 1
        case .long: pasteFactor = 1.8
        }
        var paste: (kind: Paste, text: String)?
        if !spec.pastes.isEmpty, rng.chance(min(0.95, spec.pasteRate * pasteFactor)) {
            let kind = rng.pick(spec.pastes)
            paste = (kind, kind.render(&rng, facts))
        }

        // Some people paste the error and nothing else.
        if let paste, paste.kind.isError, rng.chance(0.1) {
            return [Segment(text: paste.text, typed: false)]
        }

        var prose = ""
        let greetingChance: Double
        switch length {
        case .fragment: greetingChance = 0.12
        case .short: greetingChance = 0.4
        case .normal: greetingChance = 0.55
        case .long: greetingChance = 0.8
        }
        let emailStyle = length == .long && rng.chance(0.3)
        if emailStyle {
            prose += render("{Hi|Hello|Hey} {team|Relay team|there|support},\n\n", &rng, slots)
        } else if rng.chance(greetingChance) {
            let greeting = render("$hi", &rng, slots)
            let endsWithPunctuation = greeting.last.map { "?!,.:".contains($0) } ?? false
            prose += greeting + (endsWithPunctuation ? rng.pick([" ", "\n"]) : rng.pick([" ", ", ", "! ", " - ", ",\n", ". "]))
        }
        if (length == .normal || length == .long) && rng.chance(0.22) {
            prose += render(rng.pick(["$plan_phrase and ", "$age_phrase and ", "using $sdk, ", "$age_phrase, ", "ok so ", "so ", "not sure if this is the right place but "]), &rng, slots)
        }
        prose += core
        var detailCount = 0
        switch length {
        case .fragment, .short: detailCount = rng.chance(0.12) ? 1 : 0
        case .normal: detailCount = rng.chance(0.65) ? 1 : 0
        case .long: detailCount = rng.int(in: 1...3)
        }
        var usedDetails = Set<Int>()
        for _ in 0..<detailCount where !intent.details.isEmpty {
            let index = rng.below(intent.details.count)
            guard usedDetails.insert(index).inserted else { continue }
            prose += rng.pick([". ", ". ", ". ", ", ", " - ", "\n", "... ", ". also "]) + intent.details[index].render(&rng, slots)
        }
        if length == .long, rng.chance(0.3) {
            prose += ". " + render(rng.pick(["$urgency", "$frustration", "$tried"]), &rng, slots)
        }
        var segments = [Segment(text: prose, typed: true)]
        if let paste {
            let leadIn = rng.pick(Paste.leadIns(for: paste.kind))
            segments.append(Segment(text: (leadIn.isEmpty ? "\n\n" : "\n" + leadIn + "\n"), typed: true))
            segments.append(Segment(text: paste.text, typed: false))
        }
        let signOffChance: Double
        switch length {
        case .fragment: signOffChance = 0.05
        case .short: signOffChance = 0.15
        case .normal: signOffChance = 0.3
        case .long: signOffChance = 0.6
        }
        if emailStyle {
            segments.append(Segment(text: render("\n\n{Thanks|Best|Cheers|Regards|Thank you},\n$first_name", &rng, slots), typed: true))
        } else if rng.chance(signOffChance) {
            segments.append(Segment(text: (paste == nil ? rng.pick([" ", ". ", "! ", "\n"]) : "\n") + render("$thanks", &rng, slots), typed: true))
        }
        return segments
    }

    /// What the user says after a miss: a rephrasing, the same question again, a complaint,
    /// or the full error this time.
    private func followUp(roll: Double, core: String, intent: CompiledIntent, slots: SlotResolver, facts: ConversationFacts,
                          _ rng: inout SeededRandom) -> [Segment] {
        switch roll {
        case ..<0.5:
            var text = ""
            if rng.chance(0.3) {
                text = SharedPhrases.negatives.randomTemplate(&rng).render(&rng, slots) + SharedPhrases.negativeJoiners.randomTemplate(&rng).render(&rng, slots)
            }
            text += intent.followUps.randomTemplate(&rng).render(&rng, slots)
            return [Segment(text: text, typed: true)]
        case ..<0.68:
            return [Segment(text: SharedPhrases.repeatPrefixes.randomTemplate(&rng).render(&rng, slots) + core, typed: true)]
        case ..<0.9:
            var text = SharedPhrases.negatives.randomTemplate(&rng).render(&rng, slots)
            if rng.chance(0.25) { text += ". " + render("$frustration", &rng, slots) }
            return [Segment(text: text, typed: true)]
        default:
            guard !intent.spec.pastes.isEmpty else {
                return [Segment(text: intent.followUps.randomTemplate(&rng).render(&rng, slots), typed: true)]
            }
            return [
                Segment(text: rng.pick(["here's the full thing:", "this is what I see:", "full output:", "look:", "fwiw:", "see:"]) + "\n", typed: true),
                Segment(text: rng.pick(intent.spec.pastes).render(&rng, facts), typed: false),
            ]
        }
    }

    private func answer(intent: CompiledIntent, hit: Bool, slots: SlotResolver, _ rng: inout SeededRandom) -> String {
        let body: Template
        if hit {
            body = intent.hits.randomTemplate(&rng)
        } else {
            body = rng.chance(0.55) ? intent.misses.randomTemplate(&rng) : SharedPhrases.genericMisses.randomTemplate(&rng)
        }
        let text = body.render(&rng, slots)
        let opener = SharedPhrases.answerOpeners.randomTemplate(&rng).render(&rng, slots)
        let closer = SharedPhrases.answerClosers.randomTemplate(&rng).render(&rng, slots)
        // No "Thanks. Thanks for reaching out!", and no "Let me know if that helps!" after a question.
        let startsPolitely = ["Thanks", "Sorry", "I'm sorry", "I understand", "Great", "Good", "Of course", "You're right"].contains { text.hasPrefix($0) }
        return (startsPolitely ? "" : opener) + text + (text.hasSuffix("?") ? "" : closer)
    }

    // MARK: Off-topic

    private func composeOffTopic(facts: ConversationFacts, writer: inout TurnWriter, _ rng: inout SeededRandom, _ keys: inout SeededRandom) {
        let slots = SlotResolver(local: SharedPhrases.offTopicSlots, facts: facts)
        var text = ""
        let roll = rng.unit()
        if roll < 0.4 {
            text = SharedPhrases.offTopicAsks.randomTemplate(&rng).render(&rng, slots)
        } else if roll < 0.5 {
            text = SharedPhrases.foreign.randomTemplate(&rng).render(&rng, slots)
        } else if roll < 0.58 {
            text = ConversationComposer.keyboardMash(&rng)
        } else {
            if rng.chance(0.3) { text += render("$hi", &rng, slots) + rng.pick([" ", ", ", "! "]) }
            text += SharedPhrases.offTopic.randomTemplate(&rng).render(&rng, slots)
        }
        writer.user([Segment(text: text, typed: true)], frustrated: false, &rng, &keys)
        writer.assistant(SharedPhrases.offTopicReplies.randomTemplate(&rng).render(&rng, slots), &rng)
        if rng.chance(0.3) {
            writer.user([Segment(text: rng.pick(["ok", "lol ok", "fine", "boring", "k thx", "never mind", "ok bye", "worth a try"]), typed: true)], frustrated: false, &rng, &keys)
        }
    }

    // MARK: Helpers

    /// Renders one of the composer's own patterns, parsed once.
    private func render(_ pattern: String, _ rng: inout SeededRandom, _ slots: SlotResolver) -> String {
        (ConversationComposer.patterns[pattern] ?? Template(pattern)).render(&rng, slots)
    }

    static let patterns: [String: Template] = Dictionary(
        [
            "{Hi|Hello|Hey} {team|Relay team|there|support},\n\n", "$hi", "$thanks", "$urgency", "$frustration", "$tried",
            "$plan_phrase and ", "$age_phrase and ", "using $sdk, ", "$age_phrase, ", "ok so ", "so ",
            "not sure if this is the right place but ", "\n\n{Thanks|Best|Cheers|Regards|Thank you},\n$first_name",
        ].map { ($0, Template($0)) },
        uniquingKeysWith: { first, _ in first })

    /// Accidental input: a cat on the keyboard, a test message, a lone emoji.
    static func keyboardMash(_ rng: inout SeededRandom) -> String {
        switch rng.below(4) {
        case 0: return rng.pick(["👍", "🙏", "???", "...", "👀", "lol", "k", "?"])
        case 1: return "test " + String(rng.int(in: 1...999))
        default:
            let rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "jkjkjkjk", "fdsafdsa"]
            let row = Array(rng.pick(rows))
            let start = rng.below(row.count)
            return String((0..<rng.int(in: 4...11)).map { row[(start + $0) % row.count] })
        }
    }

    /// Terse people mostly type fragments; some write whole emails.
    private func sampleLength(user: String, _ rng: inout SeededRandom) -> Length {
        let kind = Mix.hash(user + "#length") % 100
        let roll = rng.unit()
        switch kind {
        case 0..<25: return roll < 0.45 ? .fragment : roll < 0.85 ? .short : .normal
        case 25..<80: return roll < 0.12 ? .fragment : roll < 0.5 ? .short : roll < 0.85 ? .normal : .long
        default: return roll < 0.15 ? .short : roll < 0.6 ? .normal : .long
        }
    }

    static let eventTypes = [
        "order.created", "order.paid", "payment.failed", "invoice.finalized", "user.created", "user.updated", "subscription.canceled",
        "shipment.delivered", "message.delivered", "build.completed", "ticket.created", "checkout.completed",
    ]
}

extension Array where Element == Template {
    func randomTemplate(_ rng: inout SeededRandom) -> Template { self[rng.below(count)] }
}

extension SharedPhrases {
    static func pick(_ templates: [Template]?, _ rng: inout SeededRandom, _ slots: SlotResolver) -> String {
        guard let templates, !templates.isEmpty else { return "" }
        return templates.randomTemplate(&rng).render(&rng, slots)
    }
}

/// Appends turns with their timestamps and latencies: the user reads and types, the agent thinks.
struct TurnWriter {
    private(set) var turns: [Turn] = []
    private(set) var clock: Timestamp
    let typist: Typist
    private var lastAssistantLength = 0

    init(start: Timestamp, typist: Typist) {
        self.clock = start
        self.typist = typist
    }

    mutating func user(_ segments: [ConversationComposer.Segment], frustrated: Bool, _ rng: inout SeededRandom, _ keys: inout SeededRandom) {
        var text = ""
        for segment in segments {
            text += segment.typed ? typist.type(TurnWriter.tidy(segment.text), frustrated: frustrated, &keys) : segment.text
        }
        if !turns.isEmpty {
            // Reading the answer, then typing.
            let reading = Double(lastAssistantLength) * 35 + 4_000
            let typing = Double(text.count) * 180
            let pause = rng.logNormal(median: reading + typing, sigma: 0.6)
            clock = clock.adding(milliseconds: Int64(min(max(pause, 2_000), 1_200_000)))
        }
        turns.append(Turn(role: .user, content: text, timestamp: clock))
    }

    /// Removes the doubled spaces and stray spaces before punctuation that empty alternatives leave.
    static func tidy(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var changed = false
        for byte in text.utf8 {
            if byte == 0x20, bytes.last == 0x20 { changed = true; continue }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!"),
               bytes.last == 0x20 {
                bytes.removeLast()
                changed = true
            }
            bytes.append(byte)
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    mutating func tool(_ call: ToolCalls.Call, _ rng: inout SeededRandom) {
        let decide = Int(rng.logNormal(median: 700, sigma: 0.4))
        clock = clock.adding(milliseconds: Int64(decide + call.latencyMs))
        turns.append(Turn(role: .tool, content: call.result, name: call.name, arguments: call.arguments,
                          toolCallID: "call_" + Mix.hex(rng.next(), digits: 16), latencyMs: call.latencyMs, timestamp: clock))
    }

    mutating func assistant(_ text: String, _ rng: inout SeededRandom) {
        var latency = rng.logNormal(median: 1_300 + Double(text.count) * 6, sigma: 0.35)
        if rng.chance(0.03) { latency *= Double(rng.int(in: 3...8)) }
        let milliseconds = Int(min(latency, 90_000))
        clock = clock.adding(milliseconds: Int64(milliseconds))
        turns.append(Turn(role: .assistant, content: text, latencyMs: milliseconds, timestamp: clock))
        lastAssistantLength = text.count
    }
}

import ArgumentParser
import ConvoBase
import ConvoModel
import ConvoStore
import Foundation

extension Convo {
    struct Conversations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List and read captured conversations.",
            discussion: """
                Reads the conversation store that `convo ingest` and `convo serve` fill. The table and \
                the transcript redact user text; `list --json` exports conversations as stored (to \
                ingest elsewhere), so keep such exports out of git.

                Examples:
                  convo conversations list --since 2026-11-16 --plan trial
                  convo conversations list --json --turns > export.jsonl
                  convo conversations show c_8f2a
                """,
            subcommands: [List.self, Show.self]
        )
    }
}

extension Convo.Conversations {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List conversations, oldest first.",
            discussion: """
                A table on a terminal: id, start, agent, plan, turns and the user's first words (redacted). \
                With --json, one object per line in convo's own format (the same format `convo ingest` \
                reads), turns included only with --turns.

                Example:
                  convo conversations list --since 2026-11-16 --until 2026-11-23 --agent support
                """
        )

        @OptionGroup var filterOptions: FilterOptions

        @Flag(help: "One JSON object per line, in convo's conversation format.")
        var json = false

        @Flag(help: "With --json: include the turns.")
        var turns = false

        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            if turns && !json { throw ValidationError("--turns applies to --json output") }
        }

        func run() throws {
            let context = try CommandContext.current()
            let store = try storeOptions.open(context)
            let filter = try filterOptions.filter
            let output = BufferedOutput()
            if json {
                try store.forEachConversation(matching: filter, includeTurns: turns) { conversation in
                    output.write(ConversationJSON.encode(conversation, includeTurns: turns))
                }
                output.flush()
                return
            }
            let redactor = try Redactor(settings: context.config.redaction)
            var table = TextTable(["ID", "STARTED", "AGENT", "PLAN", "TURNS", "FIRST USER MESSAGE"])
            try store.forEachConversation(matching: filter, includeTurns: true) { c in
                let preview = c.firstUserText.map { Self.oneLine(redactor.redact($0), limit: 60) } ?? ""
                table.append([c.id, c.startedAt.map { String($0.iso8601.prefix(16)) } ?? "-", c.agent ?? "-",
                              c.user.plan ?? "-", String(c.turns.count), preview])
            }
            print(table.rendered(), terminator: "")
            if table.rows.isEmpty { printError("no conversations match") }
        }

        static func oneLine(_ text: String, limit: Int) -> String {
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one conversation as a readable transcript.",
            discussion: """
                With --json, the conversation in convo's own format (one line, turns included).

                Example:
                  convo conversations show c_8f2a
                """
        )

        @Argument(help: "The conversation's id.")
        var id: String

        @Flag(help: "Print it in convo's JSON conversation format.")
        var json = false

        @Flag(help: "Replace personal data and secrets in the text with placeholders.")
        var redact = false

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try CommandContext.current()
            let store = try storeOptions.open(context)
            guard let conversation = try store.conversation(id: id) else {
                throw ConvoError.usage("no conversation with id '\(id)' in the store",
                                       hints: ["list the ids with `convo conversations list`"])
            }
            if json {
                print(ConversationJSON.encode(conversation))
                return
            }
            let redactor = redact ? try Redactor(settings: context.config.redaction) : nil
            print(TranscriptText.render(conversation, redactor: redactor, color: Terminal.current.stdoutColor), terminator: "")
        }
    }
}

/// A conversation as text for people: a header of facts, then each turn.
enum TranscriptText {
    static func render(_ c: Conversation, redactor: Redactor?, color: Bool) -> String {
        func clean(_ text: String) -> String { redactor?.redact(text) ?? text }
        var out = Style.bold.apply(c.id, enabled: color)
        if let agent = c.agent { out += "  agent \(agent)" }
        if let started = c.startedAt { out += "  started \(started.iso8601)" }
        if let ended = c.endedAt, ended != c.startedAt { out += "  ended \(ended.iso8601)" }
        out += "\n"
        var facts: [String] = []
        if let user = c.user.id { facts.append("user \(clean(user))") }
        if let account = c.user.account { facts.append("account \(account)") }
        if let plan = c.user.plan { facts.append("plan \(plan)") }
        if let age = c.user.accountAgeDays { facts.append("account age \(age) day\(age == 1 ? "" : "s")") }
        if !facts.isEmpty { out += facts.joined(separator: "  ") + "\n" }
        if !c.metadata.isEmpty { out += "metadata \(clean(JSONValue.object(c.metadata).jsonText))\n" }
        for turn in c.turns {
            out += "\n"
            var heading = turn.role.rawValue
            if let name = turn.name { heading += " \(name)" }
            if let arguments = turn.arguments { heading += " \(clean(arguments.jsonText))" }
            var notes: [String] = []
            if let ts = turn.timestamp { notes.append(ts.iso8601) }
            if let latency = turn.latencyMs { notes.append(String(format: "%.1f s", Double(latency) / 1000)) }
            if !notes.isEmpty { heading += Style.dim.apply(" (" + notes.joined(separator: ", ") + ")", enabled: color) }
            let headingStyle: Style = turn.role == .user ? .cyan : (turn.role == .assistant ? .green : .yellow)
            out += headingStyle.apply(heading, enabled: color) + "\n"
            let body = clean(turn.content)
            for line in (body.isEmpty ? "(empty)" : body).split(separator: "\n", omittingEmptySubsequences: false) {
                out += "  \(line)\n"
            }
        }
        return out
    }
}

/// Stdout through one large buffer: listing 100,000 conversations line by line stays fast.
final class BufferedOutput {
    private var buffer: [UInt8] = []

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 20 { flush() }
    }

    func flush() {
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDOUT_FILENO, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

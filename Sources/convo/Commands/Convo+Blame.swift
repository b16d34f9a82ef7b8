import ArgumentParser
import ConvoBase
import ConvoGit
import ConvoPropose
import ConvoSections
import Foundation

extension Convo {
    struct Blame: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Why is this in the prompt? The commits that changed a section, with their intents and conversations.",
            discussion: """
                Walks HEAD's history and compares the parsed sections of each version of the file \
                (not `git blame`'s lines), newest first. Each commit is shown with its date, author, \
                title, `Intent:` and `Conversation-Id:` trailers. An ADDRESS also lists changes to \
                the sections nested in it (as an intent touching it would cover them); FILE:LINE \
                names the innermost section holding that line of the work-tree file, and lists \
                changes to that section only. Merges are listed only for edits made while \
                resolving them; renames are not followed.

                Example:
                  convo blame prompts/support.md#webhooks
                  convo blame prompts/support.md:72 --json
                """
        )

        @Argument(help: "PATH#ANCHOR (from the repository root), FILE:LINE or FILE (from the current directory).",
                  completion: CompletionSources.sectionAddresses)
        var target: String

        @Flag(help: "Print {address, commits: [{commit, author, date, title, intents, conversations, changes}]} as JSON.")
        var json = false

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            guard let head = try repository.head().target else {
                throw ConvoError.usage("HEAD has no commits yet, so there is no history to search")
            }
            let (address, nested) = try resolveTarget(context: context, repository: repository, head: head)
            let entries = try SectionBlame(repository: repository).blame(address, includeNested: nested, from: head)
            if json {
                print(JSONValue.object(["address": .string(address.description), "commits": .array(entries.map(\.json))]).jsonText)
                return
            }
            if entries.isEmpty {
                print("no commit in HEAD's history changed \(address)")
                return
            }
            let color = Terminal.current.stdoutColor
            print("\(address): \(entries.count == 1 ? "1 commit" : "\(entries.count) commits"), newest first")
            for entry in entries {
                print("")
                print("\(Style.yellow.apply(entry.commit.abbreviated(), enabled: color))  \(entry.author.time.timestamp.day)  "
                      + "\(entry.author.name)  \(entry.title)")
                print("    intent: \(entry.intents.isEmpty ? "(none)" : entry.intents.joined(separator: ", "))")
                if !entry.conversations.isEmpty { print("    conversations: \(entry.conversations.joined(separator: ", "))") }
                for change in entry.changes where change.address != address.description || entry.changes.count > 1 {
                    print("    \(change.kind.rawValue) \(change.address)")
                }
            }
        }

        /// The address to blame, and whether nested sections count.
        private func resolveTarget(context: CommandContext, repository: Repository, head: ObjectID) throws -> (SectionAddress, Bool) {
            if target.contains("#") {
                guard let address = SectionAddress(target) else {
                    throw ConvoError.usage("'\(target)' is not a section address", hints: ["write PATH#ANCHOR, e.g. prompts/support.md#webhooks"])
                }
                if let text = try repository.fileContents(at: address.path, in: head).map({ String(decoding: $0, as: UTF8.self) }),
                   let parsed = try? SectionParser.parse(path: address.path, text: text, format: SectionFormat(path: address.path) ?? .plain),
                   parsed.section(anchor: address.anchor) == nil {
                    let anchors = parsed.sections.compactMap(\.anchor)
                    var hints = Suggestions.closest(to: address.anchor ?? "", in: anchors).map { "did you mean '\(address.path)#\($0)'?" }
                    hints.append("run `convo sections \(address.path)` to list its addresses")
                    throw ConvoError.usage("\(address.path) has no section '\(address.anchor ?? "")' in HEAD", hints: hints)
                }
                return (address, true)
            }
            if let colon = target.lastIndex(of: ":"), let line = Int(target[target.index(after: colon)...]) {
                let path = try context.repositoryPath(String(target[..<colon]))
                let url = context.workspace.root.appendingPathComponent(path)
                var data = FileManager.default.contents(atPath: url.path)
                if data == nil { data = try repository.fileContents(at: path, in: head) }
                guard let data else { throw ConvoError.usage("no such file '\(path)'", at: SourceLocation(file: path)) }
                let text = String(decoding: data, as: UTF8.self)
                let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count - (text.last?.isNewline == true ? 1 : 0)
                guard line >= 1, line <= max(1, lineCount), let section = try SectionBlame.section(atLine: line, path: path, text: text) else {
                    throw ConvoError.usage("\(path) has no line \(line)", at: SourceLocation(file: path))
                }
                return (SectionAddress(path: section.path, anchor: section.anchor), false)
            }
            return (SectionAddress(path: try context.repositoryPath(target)), true)
        }
    }
}

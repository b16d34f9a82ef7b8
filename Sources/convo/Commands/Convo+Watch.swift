import ArgumentParser
import ConvoBase
import ConvoGit
import ConvoIntents
import ConvoWatch
import Foundation

extension Convo {
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Did each merged intent's share of conversations drop after its change merged?",
            discussion: """
                An intent counts as merged when the main line (origin's default branch, else the \
                local main/master; or --branch) brought in a commit with its `Intent:` trailer, or \
                when its file sets change.merged. Its weekly conversations (the intent file's \
                `weekly`) are divided by all conversations of each week, so a busy or quiet week \
                moves the total, not the share.

                The test: a one-sided two-proportion z-test, alpha = 0.05, of the intent's share \
                in up to 8 full weeks before the merge week against up to 8 full weeks after it. \
                The merge week itself is in neither (it is part before, part after), unless the \
                change merged at its very start, Monday 00:00 UTC. Verdicts:
                  dropped      p < 0.05 and the share fell by at least 25%
                  not-dropped  otherwise
                  too-early    no full week after the merge yet, no week before it,
                               or fewer than 10 of the intent's conversations in all
                --reopen sets status: reopened on the not-dropped ones and records a `reopened` \
                history entry with the numbers, leaving the rest of each file as it is.

                Weekly totals come from the conversation store, or from --totals FILE, a JSON \
                object of ISO week to total conversations ({"2026-W46": 1180, ...}).

                Example:
                  convo watch
                  convo watch --totals weekly-totals.json --reopen
                """
        )

        @Flag(help: "Print one JSON object per intent (windows, shares, z, p-value, verdict, every week).")
        var json = false

        @Flag(help: "Set status: reopened, with the reason, on intents whose share did not drop.")
        var reopen = false

        @Option(help: "JSON object of ISO week (2026-W46) to total conversations that week, instead of the store.",
                completion: .file(extensions: ["json"]))
        var totals: String?

        @OptionGroup var mainLine: MainLineOptions

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The last week to compare (default: the last week that has conversations).")
        var through: String?

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            guard let mainRef = try mainLine.reference(in: repository) else {
                throw ConvoError.usage("cannot tell which branch is the main line", hints: ["pass --branch main"])
            }
            let mainTip = try repository.resolveCommit(mainRef)
            let (intents, problems) = context.intents.loadAll()
            for problem in problems { ErrorRenderer.report(Diagnostic(.warning, at: problem.location, problem.message, hints: problem.hints)) }
            let mergePoints = try MergeFinder.mergePoints(on: mainTip, in: repository)
            let (weeklyTotals, lastWeek) = try totalsSource(context: context)
            var throughWeek = lastWeek
            if let through {
                guard let week = ISOWeek(through) else {
                    throw ConvoError.usage("--through '\(through)' is not an ISO week", hints: ["write it like 2026-W47"])
                }
                throughWeek = week
            }
            let results = try ConvoWatch.Watch.run(intents: intents, mergePoints: mergePoints, totals: weeklyTotals, through: throughWeek)

            var reopened: [String] = []
            if reopen {
                for result in results {
                    guard let intent = intents.first(where: { $0.id == result.intent }),
                          let updated = ConvoWatch.Watch.reopened(intent, by: result) else { continue }
                    let document = try context.intents.document(id: intent.id)
                    try context.intents.write(try document.updating([.status, .history], from: updated), to: document.file)
                    reopened.append(intent.id)
                }
            }
            if json {
                print(JSONValue.array(results.map(ConvoWatch.Watch.json)).jsonText)
                return
            }
            if results.isEmpty {
                print("no intent's change has reached \(mainRef) yet")
                return
            }
            let color = Terminal.current.stdoutColor
            for (index, result) in results.enumerated() {
                if index > 0 { print("") }
                let verdictStyle: Style = result.verdict == .dropped ? .green : (result.verdict == .notDropped ? .red : .yellow)
                print("\(Style.bold.apply(result.intent, enabled: color))  merged \(result.mergedOn) (\(result.mergeWeek))  "
                      + verdictStyle.apply(result.verdict.rawValue, enabled: color))
                print("  \(result.reason)")
                if !result.weekly.isEmpty {
                    let weeks = result.weekly.map { entry in
                        let share = entry.total > 0 ? String(format: "%.1f%%", Double(entry.conversations) * 100 / Double(entry.total)) : "n/a"
                        return "\(entry.week) \(share)"
                    }
                    print("  weekly share: \(weeks.joined(separator: ", "))")
                }
                if reopened.contains(result.intent) { print("  reopened: status set to reopened in intents/\(result.intent).intent") }
            }
        }

        /// Where weekly totals come from, and the default last week to compare.
        private func totalsSource(context: CommandContext) throws -> (WeeklyTotals, ISOWeek) {
            guard let totals else {
                let store = try storeOptions.open(context)
                let (map, last) = try StoreWeeklyTotals.load(from: store)
                guard let last else {
                    throw ConvoError.usage("the conversation store is empty, so there is no traffic to compare",
                                           hints: ["ingest conversations first (convo ingest FILE), or pass --totals FILE"])
                }
                return ({ _, _ in map }, last)
            }
            let url = URL(fileURLWithPath: totals, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ConvoError.usage("cannot read --totals '\(totals)'", at: SourceLocation(file: totals))
            }
            let parsed: JSONValue
            do {
                parsed = try JSONParser.parse(Array(data))
            } catch {
                throw ConvoError.usage("--totals is not JSON: \(error.message)", at: SourceLocation(file: totals, line: error.line))
            }
            guard let object = parsed.objectValue else {
                throw ConvoError.usage("--totals must be a JSON object of ISO week to count", at: SourceLocation(file: totals))
            }
            var map: [ISOWeek: Int] = [:]
            for (key, value) in object {
                guard let week = ISOWeek(key), let count = value.intValue, count >= 0 else {
                    throw ConvoError.usage("--totals entry \"\(key)\": \(value.jsonText) is not an ISO week and a count",
                                           at: SourceLocation(file: totals), hints: ["write entries like \"2026-W46\": 1180"])
                }
                map[week] = Int(count)
            }
            guard let last = map.keys.max() else {
                throw ConvoError.usage("--totals '\(totals)' lists no weeks", at: SourceLocation(file: totals))
            }
            return ({ _, _ in map }, last)
        }
    }
}

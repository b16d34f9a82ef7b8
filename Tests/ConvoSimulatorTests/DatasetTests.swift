import ConvoBase
import ConvoModel
import ConvoTestSupport
import Foundation
import Testing
@testable import ConvoSimulator

@Suite struct DatasetTests {
    @Test func sameSeedWritesByteIdenticalFilesAndAnotherSeedDoesNot() throws {
        let scratch = try ScratchDirectory()
        let configuration = SimulationConfiguration(seed: 21, conversations: 1500, days: 7,
                                                    fixes: [SimulatedFix(intent: "rate-limit-429", date: Fixtures.start.adding(days: 3))])
        _ = try Simulator(configuration).write(to: scratch.file("a"))
        _ = try Simulator(configuration).write(to: scratch.file("b"))
        var other = configuration
        other.seed = 22
        _ = try Simulator(other).write(to: scratch.file("c"))
        for name in [SimulatorOutput.conversationsFile, SimulatorOutput.accountsFile, SimulatorOutput.truthFile] {
            let a = try Data(contentsOf: scratch.file("a/" + name))
            #expect(!a.isEmpty)
            #expect(a == (try Data(contentsOf: scratch.file("b/" + name))), "\(name) differs between runs with the same seed")
            #expect(a != (try Data(contentsOf: scratch.file("c/" + name))), "\(name) is the same for another seed")
        }
    }

    @Test func everyLineParsesAndMatchesTheLibraryOutput() throws {
        let scratch = try ScratchDirectory()
        let configuration = SimulationConfiguration(seed: 3, conversations: 1200, days: 4)
        let summary = try Simulator(configuration).write(to: scratch.url)
        let dataset = try Simulator(configuration).generate()
        let lines = try scratch.read(SimulatorOutput.conversationsFile).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(lines.count - 1 == 1200)
        #expect(summary.conversations == 1200)
        for (index, line) in lines.dropLast().enumerated() {
            let decoded = try ConversationJSON.decode(try JSONParser.parse(String(line)))
            #expect(decoded == dataset.conversations[index])
            #expect(ConversationJSON.encode(decoded) == String(line))
        }
        let truthLines = try scratch.read(SimulatorOutput.truthFile).split(separator: "\n")
        #expect(truthLines.count == 1200)
        for (index, line) in truthLines.enumerated() {
            let value = try JSONParser.parse(String(line))
            #expect(value["conversation"]?.stringValue == dataset.conversations[index].id)
            #expect(value["intent"]?.stringValue == dataset.truth[index].intent)
            #expect(value["kind"]?.stringValue == dataset.truth[index].kind?.rawValue)
            #expect((value["intent"]?.isNull ?? false) == (value["kind"]?.isNull ?? false))
        }
        let accountLines = try scratch.read(SimulatorOutput.accountsFile).split(separator: "\n")
        #expect(accountLines.count == dataset.accounts.count)
        for line in accountLines {
            let value = try JSONParser.parse(String(line))
            let object = try #require(value.objectValue)
            #expect(Set(object.keys) == ["id", "plan", "mrr", "signup_date", "churn_date"])
            #expect(Day(iso8601: value["signup_date"]?.stringValue ?? "") != nil)
        }
    }

    @Test func conversationsAreSortedUniqueAndInThePeriod() throws {
        let dataset = Fixtures.twoWeeks
        #expect(dataset.conversations.count == 6000)
        var ids = Set<String>()
        var previous: (Timestamp, String)?
        for conversation in dataset.conversations {
            let start = try #require(conversation.startedAt)
            #expect(conversation.id.hasPrefix("c_") && conversation.id.count == 14)
            #expect(conversation.id.dropFirst(2).allSatisfy { $0.isHexDigit })
            #expect(ids.insert(conversation.id).inserted)
            if let previous { #expect(previous <= (start, conversation.id)) }
            previous = (start, conversation.id)
            #expect(start.day >= Fixtures.start && start.day <= Fixtures.start.adding(days: 13))
            #expect(conversation.agent == "support")
            #expect(conversation.metadata["feature"]?.stringValue != nil)
        }
    }

    @Test func turnsHaveOrderedTimestampsLatenciesAndHarnessTools() throws {
        let toolNames: Set<String> = ["search_docs", "check_settings", "get_rate_limit_usage", "list_invoices", "create_ticket"]
        var seenTools = Set<String>()
        var assistantLatencies: [Int] = []
        for conversation in Fixtures.twoWeeks.conversations {
            #expect(conversation.turns.first?.role == .user)
            var clock = try #require(conversation.startedAt)
            for turn in conversation.turns {
                let ts = try #require(turn.timestamp)
                #expect(ts >= clock)
                clock = ts
                #expect(!turn.content.isEmpty)
                switch turn.role {
                case .assistant:
                    assistantLatencies.append(try #require(turn.latencyMs))
                case .tool:
                    let name = try #require(turn.name)
                    #expect(toolNames.contains(name))
                    seenTools.insert(name)
                    #expect(turn.arguments?.objectValue != nil)
                    #expect(turn.toolCallID?.hasPrefix("call_") == true)
                case .user, .system:
                    #expect(turn.latencyMs == nil)
                }
            }
            #expect(conversation.endedAt == clock)
        }
        #expect(seenTools == toolNames)
        assistantLatencies.sort()
        let median = assistantLatencies[assistantLatencies.count / 2]
        let p99 = assistantLatencies[assistantLatencies.count * 99 / 100]
        #expect(median >= 800 && median <= 5_000, "median latency \(median)")
        #expect(p99 > 3 * median, "latencies have a long tail: p99 \(p99)")
        #expect(assistantLatencies.allSatisfy { $0 > 0 })
    }

    @Test func accountsBackEveryConversation() throws {
        let dataset = Fixtures.twoWeeks
        let accounts = Dictionary(uniqueKeysWithValues: dataset.accounts.map { ($0.id, $0) })
        #expect(dataset.accounts.map(\.id) == dataset.accounts.map(\.id).sorted())
        let mrrByPlan = Dictionary(grouping: dataset.accounts, by: { $0.plan ?? "" }).mapValues { $0.compactMap(\.mrr) }
        #expect(mrrByPlan["trial"]?.allSatisfy { $0 == 0 } == true)
        #expect(mrrByPlan["free"]?.allSatisfy { $0 == 0 } == true)
        #expect(mrrByPlan["pro"]?.allSatisfy { $0 >= 49 && $0 <= 499 } == true)
        #expect(mrrByPlan["enterprise"]?.allSatisfy { $0 >= 1500 } == true)
        var used = Set<String>()
        for conversation in dataset.conversations {
            let id = try #require(conversation.user.account)
            used.insert(id)
            let account = try #require(accounts[id])
            #expect(account.plan == conversation.user.plan)
            let day = try #require(conversation.startedAt?.day)
            let signup = try #require(account.signupDate)
            #expect(signup.adding(days: try #require(conversation.user.accountAgeDays)) == day)
            if conversation.user.plan == "trial" { #expect(try #require(conversation.user.accountAgeDays) <= 14) }
            if let churn = account.churnDate { #expect(churn >= signup && churn <= Fixtures.configuration.end) }
        }
        #expect(used == Set(accounts.keys))
        // Accounts come back: a fair share write more than once.
        let perAccount = Dictionary(grouping: dataset.conversations, by: { $0.user.account ?? "" }).mapValues(\.count)
        #expect(perAccount.values.filter { $0 > 1 }.count > dataset.accounts.count / 10)
    }

    @Test func aLaterPeriodMeetsTheSameCustomers() throws {
        let week1 = try Simulator(SimulationConfiguration(seed: 7, conversations: 3000, start: Fixtures.start, days: 7)).generate()
        let week2 = try Simulator(SimulationConfiguration(seed: 7, conversations: 3000, start: Fixtures.fixDate, days: 7)).generate()
        let ids1 = Set(week1.conversations.map(\.id))
        #expect(week2.conversations.allSatisfy { !ids1.contains($0.id) }, "conversation ids collide across periods")
        let accounts1 = Set(week1.accounts.map(\.id))
        let returning = week2.accounts.filter { accounts1.contains($0.id) }
        #expect(returning.count > week2.accounts.count / 10, "only \(returning.count) accounts return")
    }

    @Test func sliceKeepsAPeriodAndWhatBillingKnewThen() throws {
        let dataset = Fixtures.twoWeeks
        let week1 = dataset.slice(from: Fixtures.start, through: Fixtures.start.adding(days: 6))
        let week2 = dataset.slice(from: Fixtures.fixDate, through: Fixtures.fixDate.adding(days: 6))
        #expect(week1.conversations.count + week2.conversations.count == dataset.conversations.count)
        #expect(week1.truth.map(\.conversation) == week1.conversations.map(\.id))
        #expect(week1.accounts.allSatisfy { ($0.churnDate ?? Fixtures.start) <= Fixtures.start.adding(days: 6) })
        let mentioned = Set(week1.conversations.compactMap(\.user.account))
        #expect(Set(week1.accounts.map(\.id)) == mentioned)
    }

    @Test func streamingAndGeneratingAgree() throws {
        let simulator = try Simulator(SimulationConfiguration(seed: 5, conversations: 400, days: 2))
        var streamed: [String] = []
        let accounts = simulator.stream { conversation, _ in streamed.append(ConversationJSON.encode(conversation)) }
        let generated = simulator.generate()
        #expect(streamed == generated.conversations.map { ConversationJSON.encode($0) })
        #expect(accounts == generated.accounts)
    }

    @Test func offTopicShareFollowsTheNoiseFraction() throws {
        for fraction in [0.0, 0.06, 0.2] {
            let dataset = try Simulator(SimulationConfiguration(seed: 8, conversations: 3000, noiseFraction: fraction)).generate()
            let share = Double(dataset.truth.filter { $0.intent == nil }.count) / 3000
            #expect(abs(share - fraction) < 0.025, "noise \(fraction): \(share)")
            #expect(dataset.truth.allSatisfy { ($0.intent == nil) == ($0.kind == nil) })
        }
    }

    @Test func zeroConversationsIsAnEmptyDataset() throws {
        let dataset = try Simulator(SimulationConfiguration(conversations: 0)).generate()
        #expect(dataset.conversations.isEmpty && dataset.accounts.isEmpty && dataset.truth.isEmpty)
    }

    @Test func badSettingsAreUsageErrorsWithHints() throws {
        #expect(throws: SimulatorError.self) { try Simulator(SimulationConfiguration(conversations: -1)) }
        #expect(throws: SimulatorError.self) { try Simulator(SimulationConfiguration(days: 0)) }
        #expect(throws: SimulatorError.self) { try Simulator(SimulationConfiguration(noiseFraction: 1)) }
        let unknown = SimulationConfiguration(fixes: [SimulatedFix(intent: "webhook-not-fring", date: Fixtures.fixDate)])
        do {
            _ = try Simulator(unknown)
            Issue.record("an unknown intent was accepted")
        } catch {
            #expect(error.message.contains("webhook-not-fring"))
            #expect(error.hints.contains { $0.contains("webhook-not-firing") })
            #expect(error.exitStatus == .usage)
        }
        #expect(try SimulatedFix.parse("rate-limit-429@2026-11-20", factor: 0.5)
            == SimulatedFix(intent: "rate-limit-429", date: Day(year: 2026, month: 11, day: 20)!, factor: 0.5))
        #expect(throws: SimulatorError.self) { try SimulatedFix.parse("rate-limit-429") }
        #expect(throws: SimulatorError.self) { try SimulatedFix.parse("rate-limit-429@next-week") }
        #expect(throws: SimulatorError.self) { try SimulatedFix.parse("@2026-11-20") }
    }
}

import ConvoBase
import ConvoRank
import Testing

@Suite struct RankReportTests {
    let rankings: [IntentRanking]

    init() throws {
        rankings = try Ranker(settings: RankSettings(), accounts: RankFixture.accounts).rank(RankFixture.all)
    }

    @Test func tableShowsEveryFactorInAlignedColumns() {
        let expected = """
            #  INTENT                CONVERSATIONS  EXPOSURE  STAGE           FIX COST    PRIORITY
            1  webhook-not-firing                4      4.00  ×3 onboarding   ÷1 prompt       48.0
            2  rate-limit-confusion              6      6.22  ×1 established  ÷3 harness      12.4
            3  invite-email-missing              3      1.56  ×2 activation*  ÷2 config        4.7

            priority = conversations × exposure × stage weight ÷ fix cost; * = set in the intent file

            """
        #expect(RankReport.render(rankings, as: .table) == expected)
    }

    @Test func topLimitsEveryFormat() throws {
        let table = RankReport.render(rankings, as: .table, top: 2)
        #expect(table.contains("rate-limit-confusion"))
        #expect(!table.contains("invite-email-missing"))
        let json = try JSONParser.parse(RankReport.render(rankings, as: .json, top: 1))
        guard case .array(let items) = json else { Issue.record("not an array"); return }
        #expect(items.count == 1)
        let markdown = RankReport.render(rankings, as: .markdown, top: 1)
        #expect(markdown.split(separator: "\n").filter { $0.hasPrefix("| 1 ") || $0.hasPrefix("| 2 ") }.count == 1)
        #expect(RankReport.render(rankings, as: .table, top: 0) == "no intents to rank\n")
    }

    @Test func jsonCarriesFactorsSourcesAndEvidence() throws {
        let text = RankReport.render(rankings, as: .json)
        #expect(text.hasSuffix("]\n"))
        guard case .array(let items) = try JSONParser.parse(text), case .object(let first)? = items.first,
              case .object(let third)? = items.last else {
            Issue.record("unexpected shape: \(text)")
            return
        }
        #expect(first["rank"] == .int(1))
        #expect(first["intent"] == .string("webhook-not-firing"))
        #expect(first["title"] == .string("Webhook not firing after setup"))
        #expect(first["frequency"] == .int(4))
        #expect(first["revenue_exposure"] == .int(4))
        #expect(first["stage"] == .string("onboarding"))
        #expect(first["stage_weight"] == .int(3))
        #expect(first["stage_source"] == .string("conversations"))
        #expect(first["fix_cost"] == .int(1))
        #expect(first["fix_cost_kind"] == .string("prompt"))
        #expect(first["fix_cost_source"] == .string("touches"))
        #expect(first["priority"] == .int(48))
        #expect(first["churned_conversations"] == .int(2))
        guard case .object(let evidence)? = first["evidence"] else { Issue.record("no evidence"); return }
        #expect(evidence["first_seen"] == .string("2026-11-20"))
        #expect(evidence["plans"] == .object(["trial": .int(3), "free": .int(1)]))
        #expect(evidence["weekly"] == .object(["2026-W47": .int(2), "2026-W48": .int(2)]))
        #expect(third["title"] == .null)
        #expect(third["stage_source"] == .string("intent"))
        #expect(third["priority"] == .double(4.6667))
        #expect(third["revenue_exposure"] == .double(1.5556))
    }

    @Test func markdownEscapesCellsAndMarksHandSetValues() {
        let markdown = RankReport.render(rankings, as: .markdown)
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "| # | Intent | Conversations | Revenue exposure | Stage | Fix cost | Priority |")
        #expect(lines[1] == "|--:|:--|--:|--:|:--|:--|--:|")
        #expect(lines[2] == "| 1 | `webhook-not-firing` Webhook not firing after setup | 4 | 4.00 | ×3 onboarding | ÷1 prompt | 48.0 |")
        #expect(lines[3] == "| 2 | `rate-limit-confusion` Rate limits \\| what counts | 6 | 6.22 | ×1 established | ÷3 harness | 12.4 |")
        #expect(lines[4] == "| 3 | `invite-email-missing` | 3 | 1.56 | ×2 activation\\* | ÷2 config | 4.7 |")
        // Every table row has the same number of unescaped cell separators.
        let counts = lines.prefix(5).map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count }
        #expect(Set(counts) == [8])
        #expect(markdown.hasSuffix("set in the intent file.\n"))
    }

    @Test func emptyRankingSaysSo() {
        #expect(RankReport.render([], as: .table) == "no intents to rank\n")
        #expect(RankReport.render([], as: .json) == "[]\n")
        #expect(RankReport.render([], as: .markdown) == "_No intents to rank._\n")
    }
}

import ConvoBase
import ConvoIntents
import ConvoTestSupport
import Foundation
import Testing

/// Hand-edited files: comments, odd spacing, human field order. Updating the tool-owned blocks
/// must change only those blocks.
@Suite("Block-preserving intent updates")
struct IntentDocumentTests {
    static let handEdited: [String] = [
        // 0: DESIGN's example with its comments, no owned data yet.
        """
        id: webhook-not-firing
        title: Webhook not firing after setup
        kind: setup-friction          # bug-report | feature-request | churn-risk | setup-friction | pricing-confusion | other
        status: open                  # open | proposed | merged | resolved | reopened
        stage: onboarding
        summary: |
          Users ask why their webhook is not firing.
        touches:
          - prompts/support.md#webhooks
        signals:                      # what the matcher uses to recognise this intent
          keywords: [enabled, firing, webhook]
          exemplars:
            - why is my webhook not firing

        """,
        // 1: human order (touches first, notes in the middle), comment lines between fields.
        """
        # Owned by the billing squad.
        touches:
        - prompts/support.md#billing-and-plans   # the plans table
        - prompts/support.md#billing-and-plans/invoices-and-refunds
        id: refund-request
        notes: >
          Folded notes that
          span lines.
        # evidence below is filled by convo cluster
        evidence:
          conversations: 3
          accounts: 3
          plans: {pro: 3}
          churned: 0
          sample: [c_1]
        title:    Refund   requests
        kind: pricing-confusion
        status: open

        """,
        // 2: odd indentation (4 spaces), quoted human values, a comment inside an owned block.
        """
        id: "sso-login"
        title: 'SSO login fails'
        kind: bug-report
        status: proposed
        touches:
            - prompts/support.md#setup
        impact:
            frequency: 2   # low
            revenue_exposure: 1
            stage_weight: 1
            fix_cost: 1
            priority: 2
        change:
            branch: convo/sso-login

        """,
        // 3: flow-style owned blocks, no trailing newline at the end of the file.
        """
        id: invite-expired
        title: Team invite expired
        kind: setup-friction
        status: open
        summary: "Invites expire after 7 days and users do not know."
        touches: [prompts/support.md#team-invites]
        signals: {keywords: [invite, expired], exemplars: ["my invite link says expired"]}
        weekly: {2026-W40: 1}
        """,
        // 4: CRLF line endings.
        "id: crlf-file\r\ntitle: Windows line endings\r\nkind: other\r\nstatus: open\r\ntouches: []\r\n# trailing comment\r\n",
        // 5: document markers and a comment block at the top.
        """
        # -----------------------------------
        # Hand-maintained; see the runbook.
        # -----------------------------------
        ---
        id: data-export
        title: Data export request
        kind: feature-request
        touches:
          - prompts/support.md#data-and-privacy
        notes: |
          Keep this one manual.
        ...

        """,
        // 6: owned blocks before human ones, blank lines everywhere.
        """


        weekly:
          2026-W45: 4
          2026-W46: 9


        evidence:
          conversations: 13
          accounts: 11
          first_seen: 2026-11-03
          last_seen: 2026-11-16
          plans:
            free: 13
          churned: 1
          sample:
            - c_a
            - c_b


        id: free-plan-limits
        title: Free plan limits unclear
        kind: pricing-confusion
        status: open
        touches:
          - prompts/support.md#billing-and-plans

        """,
        // 7: only the required fields; everything owned is inserted.
        """
        title: Webhook signature mismatch
        kind: bug-report
        id: signature-mismatch

        """,
        // 8: history and change present, tab-free odd spacing after colons.
        """
        id: rate-limit-429
        title:   Getting 429s
        kind:  bug-report
        status:   merged
        touches:
          - prompts/support.md#rate-limits
        change:
          branch: convo/rate-limit-429
          commit: 0a1b2c3d
          merged: 2026-11-20
        history:
          - event: split-from
            intents: [api-errors]
        notes: |
          Humans wrote this.

        """,
        // 9: unicode and a key-line comment after a flow value.
        """
        id: cafe-plan
        title: Café plan — pricing question ✓
        kind: pricing-confusion
        status: open  # set by hand
        stage: activation
        touches:
          - prompts/support.md#billing-and-plans
        weekly: {2026-W01: 2}   # first week only
        notes: "Ünïcödé notes"

        """,
        // 10: unknown human field kept (the validator reports it, updates keep it).
        """
        id: team-roles
        title: Team roles confusion
        kind: other
        owner: support-team
        status: open
        touches:
          - prompts/support.md#team-invites

        """,
    ]

    /// What `convo cluster` would write back: new evidence, impact, weekly, signals and a status.
    static func update(_ intent: Intent, seed: Int) -> Intent {
        var updated = intent
        updated.status = seed % 3 == 0 ? intent.status : .proposed
        updated.evidence = Intent.Evidence(conversations: 40 + seed, accounts: 30 + seed, firstSeen: Fixtures.day("2026-11-02"),
                                          lastSeen: Fixtures.day("2026-11-22"), plans: ["trial": 30, "pro": 10 + seed],
                                          churned: seed, sample: ["c_0a91", "c_\(seed)"])
        updated.impact = Intent.Impact(frequency: 40 + seed, revenueExposure: 2.5, stageWeight: 3, fixCost: 1, priority: 300.5)
        updated.weekly = [Fixtures.week("2026-W46"): 18, Fixtures.week("2026-W47"): 22 + seed]
        updated.signals = Intent.Signals(keywords: ["kw\(seed)", "shared"], exemplars: ["example \(seed) from a user"])
        if seed % 2 == 0 {
            updated.change = Intent.Change(branch: "convo/\(intent.id)", commit: "abcdef1\(seed)")
            updated.history = intent.history + [Intent.HistoryEntry(event: .reopened, date: Fixtures.day("2026-12-07"),
                                                                   reason: "volume did not drop")]
        }
        // Human fields the tool must not touch even when the value passed in differs.
        updated.title = "CHANGED BY TOOL"
        updated.notes = "CHANGED BY TOOL"
        updated.touches = ["prompts/x.md#changed"]
        return updated
    }

    /// Line ranges (0-based, end exclusive) of top-level blocks in a YAML text, found independently
    /// of the code under test: a block runs from a key at column 0 to the next one, without
    /// trailing blank or comment lines.
    static func blocks(_ text: String) -> [String: Range<Int>] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var starts: [(String, Int)] = []
        for (index, line) in lines.enumerated() {
            guard let first = line.first, first != " ", first != "#", first != "-", !line.hasPrefix("..."),
                  let colon = line.firstIndex(of: ":") else { continue }
            starts.append((String(line[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")), index))
        }
        var result: [String: Range<Int>] = [:]
        for (position, (key, start)) in starts.enumerated() {
            var end = position + 1 < starts.count ? starts[position + 1].1 : lines.count
            while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty || lines[end - 1].hasPrefix("#")
                || lines[end - 1] == "..." { end -= 1 }
            result[key] = start..<end
        }
        return result
    }

    /// The lines outside the owned blocks, in order.
    static func humanLines(_ text: String) -> [String] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        let owned = blocks(text).filter { IntentField(rawValue: $0.key).map(IntentField.toolOwned.contains) ?? false }
        return lines.enumerated().filter { index, _ in !owned.values.contains { $0.contains(index) } }.map(\.element)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    @Test(arguments: Array(handEdited.indices))
    func updatingOwnedBlocksChangesOnlyThoseBlocks(index: Int) throws {
        let original = Self.handEdited[index]
        let document = IntentDocument(text: original, file: "intents/case-\(index).intent")
        let intent = try #require(document.parsed.partial, "\(document.parsed.diagnostics)")
        let updated = Self.update(intent, seed: index)
        let text = try document.updatingOwnedBlocks(from: updated)

        // Every line outside the owned blocks is byte-for-byte what the human wrote, in order.
        #expect(Self.humanLines(text) == Self.humanLines(original), "\(text)")
        // A line diff: every removed or added line lies in an owned block.
        let diff = LineDiff(old: original, new: text)
        let oldOwned = Self.blocks(original).filter { IntentField(rawValue: $0.key).map(IntentField.toolOwned.contains) ?? false }
        let newOwned = Self.blocks(text).filter { IntentField(rawValue: $0.key).map(IntentField.toolOwned.contains) ?? false }
        for line in diff.removed { #expect(oldOwned.values.contains { $0.contains(line) }, "removed line \(line + 1)") }
        for line in diff.added { #expect(newOwned.values.contains { $0.contains(line) }, "added line \(line + 1):\n\(text)") }

        // The result reads back as the human fields plus the new owned values.
        var expected = intent
        expected.status = updated.status
        expected.signals = updated.signals
        expected.evidence = updated.evidence
        expected.impact = updated.impact
        expected.weekly = updated.weekly
        expected.change = updated.change
        expected.history = updated.history
        let reread = IntentDocument(text: text, file: "intents/case-\(index).intent").parsed
        #expect(reread.partial == expected)
        #expect(text.contains("\r\n") == original.contains("\r\n"))

        // Running the same update again changes no byte.
        #expect(try IntentDocument(text: text, file: "x.intent").updatingOwnedBlocks(from: updated) == text)
    }

    @Test func updatedFilesLoadWithPyYAMLToTheSameData() throws {
        var cases: [(name: String, text: String, expected: JSONValue)] = []
        // Case 10 keeps a field the model does not carry, so its data cannot match the model's.
        for (index, original) in Self.handEdited.enumerated() where index != 10 {
            let document = IntentDocument(text: original, file: "intents/case-\(index).intent")
            let intent = try #require(document.parsed.partial)
            let text = try document.updatingOwnedBlocks(from: Self.update(intent, seed: index))
            let reread = try #require(IntentDocument(text: text, file: "x").parsed.partial)
            var expected = IntentJSON.value(of: reread)
            // The model reads a missing `touches` as empty; the file simply has no such key.
            if !text.contains("touches:"), case .object(var object) = expected {
                object["touches"] = nil
                expected = .object(object)
            }
            cases.append(("case-\(index)", text, expected))
        }
        let result = try PyYAML.check(cases)
        #expect(result.status == 0, "\(result)")
    }

    @Test func keyLineCommentsSurviveARewrite() throws {
        let original = Self.handEdited[0]
        var intent = try #require(IntentDocument(text: original, file: "x").intent)
        intent.status = .proposed
        intent.signals.keywords = ["webhook"]
        let text = try IntentDocument(text: original, file: "x").updatingOwnedBlocks(from: intent)
        #expect(text.contains("status: proposed              # open | proposed | merged | resolved | reopened\n"))
        #expect(text.contains("signals:                      # what the matcher uses to recognise this intent\n  keywords: [webhook]\n"))
        #expect(text.contains("kind: setup-friction          # bug-report"))
    }

    @Test func absentBlocksAreInsertedInCanonicalPlace() throws {
        let original = "id: a\ntitle: A\nkind: other\ntouches: []\nnotes: |\n  keep me\n"
        var intent = try #require(IntentDocument(text: original, file: "intents/a.intent").intent)
        intent.weekly = [Fixtures.week("2026-W47"): 3]
        intent.evidence = Intent.Evidence(conversations: 3, accounts: 2)
        intent.status = .proposed
        let text = try IntentDocument(text: original, file: "intents/a.intent").updatingOwnedBlocks(from: intent)
        #expect(text == """
            id: a
            title: A
            kind: other
            status: proposed
            touches: []
            evidence:
              conversations: 3
              accounts: 2
              plans: {}
              churned: 0
              sample: []
            weekly: {2026-W47: 3}
            notes: |
              keep me

            """)
    }

    @Test func removedBlocksDisappearAndUnchangedOnesKeepTheirBytes() throws {
        let original = "id: a\ntitle: A\nkind: other\nstatus: open\ntouches: []\nweekly:   {2026-W47:   3}   # odd\nchange:\n  branch: convo/a\n"
        var intent = try #require(IntentDocument(text: original, file: "intents/a.intent").intent)
        intent.change = nil
        let text = try IntentDocument(text: original, file: "intents/a.intent").updatingOwnedBlocks(from: intent)
        #expect(text == "id: a\ntitle: A\nkind: other\nstatus: open\ntouches: []\nweekly:   {2026-W47:   3}   # odd\n")
    }

    @Test func touchesAreRewrittenOnlyWhenAsked() throws {
        let original = Self.handEdited[1]
        var intent = try #require(IntentDocument(text: original, file: "x").parsed.partial)
        intent.touches.append("prompts/support.md#escalation")
        let text = try IntentDocument(text: original, file: "x").updating([.touches], from: intent)
        #expect(text.hasPrefix("# Owned by the billing squad.\ntouches:\n  - prompts/support.md#billing-and-plans\n"))
        #expect(text.contains("  - prompts/support.md#escalation\nid: refund-request\n"))
        #expect(try IntentDocument(text: original, file: "x").updatingOwnedBlocks(from: intent) == original)
    }

    @Test func aFileThatIsNotAMappingIsNotUpdated() {
        let document = IntentDocument(text: "- id: a\n", file: "intents/a.intent")
        #expect(throws: DiagnosticsError.self) {
            try document.updatingOwnedBlocks(from: Intent(id: "a", title: "A", kind: .other))
        }
    }

    @Test func problemsInHumanFieldsStayAsTheyAre() throws {
        let original = "id: a\ntitle: A\nkind: nope   # typo\nstatus: open\n"
        var intent = try #require(IntentDocument(text: original, file: "intents/a.intent").parsed.partial)
        intent.status = .proposed
        let text = try IntentDocument(text: original, file: "intents/a.intent").updatingOwnedBlocks(from: intent)
        #expect(text == "id: a\ntitle: A\nkind: nope   # typo\nstatus: proposed\n")
    }
}

/// Which lines a minimal line diff removes from `old` and adds in `new` (0-based), by longest
/// common subsequence.
struct LineDiff {
    var removed: [Int] = []
    var added: [Int] = []

    init(old: String, new: String) {
        let a = old.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        let b = new.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count && j < b.count && a[i] == b[j] {
                i += 1
                j += 1
            } else if j < b.count && (i == a.count || table[i][j + 1] >= table[i + 1][j]) {
                added.append(j)
                j += 1
            } else {
                removed.append(i)
                i += 1
            }
        }
    }
}

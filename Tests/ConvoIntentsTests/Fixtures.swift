import ConvoBase
import ConvoIntents
import ConvoTestSupport
import Foundation
import Testing

/// Varied intents whose canonical files exercise every quoting and layout rule.
enum Fixtures {
    static func day(_ text: String) -> Day {
        Day(iso8601: text) ?? Day(daysSinceEpoch: 0)
    }

    static func week(_ text: String) -> ISOWeek {
        ISOWeek(text) ?? ISOWeek(year: 2026, week: 1)
    }

    static let webhook = Intent(
        id: "webhook-not-firing", title: "Webhook not firing after setup", kind: .setupFriction, status: .open,
        stage: "onboarding",
        summary: "Users ask why their webhook is not firing. The agent gives endpoint checks\nbut never confirms that webhooks are enabled in Settings > Integrations.\n",
        touches: ["prompts/support.md#webhooks"],
        signals: Intent.Signals(keywords: ["enabled", "firing", "webhook"],
                               exemplars: ["why is my webhook not firing", "webhook never triggers after I set it up"]),
        evidence: Intent.Evidence(conversations: 61, accounts: 54, firstSeen: day("2026-11-16"), lastSeen: day("2026-11-22"),
                                 plans: ["trial": 48, "pro": 13], churned: 7, sample: ["c_0a91", "c_1f2e", "c_8f2a"]),
        impact: Intent.Impact(frequency: 61, revenueExposure: 3.4, stageWeight: 3, fixCost: 1, priority: 622.2),
        weekly: [week("2026-W46"): 58, week("2026-W47"): 61],
        change: Intent.Change(branch: "convo/webhook-not-firing", commit: "1a2b3c4d"))

    /// Strings that a careless writer would emit as something else (bools, numbers, dates, null,
    /// comments, anchors, tags, flow syntax) or corrupt (quotes, escapes, control characters).
    static let trickyStrings = [
        "yes", "no", "No", "on", "OFF", "y", "n", "true", "False", "null", "~", "NULL", "", " ",
        "1.0", "1e10", "12345e78", "0x1F", "0o17", "017", "1_000", "+1", "-1", ".5", ".inf", "-.Inf", ".NaN",
        "190:20:30", "2026-11-16", "2026-11-16T10:02:11Z", "2026-1-2 3:04:05", "<<", "=",
        "# not a comment", "a #b", "a# b", "key: value", "ends with colon:", "colon:inside", "- dash", "-dash", "* star",
        "& anchor", "!tag", "%percent", "@at", "`tick`", "'single'", "\"double\"", "[list]", "{map}", "a, b", "?question",
        "|pipe", ">fold", " leading", "trailing ", "tab\there", "line\nbreak", "crlf\r\nline", "nul\u{0}byte",
        "bell\u{7}", "del\u{7F}", "nel\u{85}x", "nbsp\u{A0}x", "ls\u{2028}x", "bom\u{FEFF}x", "zero\u{200B}width",
        "café crème", "日本語のテキスト", "emoji 🚀 launch", "ünïcödé: colon", "back\\slash", "c:\\path\\file",
        "1a2b3c4d", "2026-W47", "c_0a91", "50%", "a:b", "http://example.com/x?y=1#frag", "---", "...", "a ... b",
    ]

    /// Twenty-plus intents, each canonical-form stress on a different rule.
    static func varied() -> [Intent] {
        var intents: [Intent] = [webhook]
        var minimal = Intent(id: "minimal", title: "Minimal intent", kind: .other)
        intents.append(minimal)
        minimal.id = "minimal-with-touches"
        minimal.touches = ["prompts/support.md", "prompts/harness.yaml#tools.check_settings.description"]
        intents.append(minimal)
        for (index, chunk) in stride(from: 0, to: trickyStrings.count, by: 8).enumerated() {
            let strings = Array((trickyStrings + trickyStrings)[chunk..<chunk + 8])
            let kind = IntentKind.allCases[index % IntentKind.allCases.count]
            let status = IntentStatus.allCases[index % IntentStatus.allCases.count]
            var intent = Intent(id: "tricky-\(index)", title: strings[0].isEmpty ? "empty" : strings[0], kind: kind, status: status)
            intent.stage = strings[1]
            intent.fixCost = index % 2 == 0 ? .kind(strings[5]) : .value(Double(index) + 0.5)
            intent.signals = Intent.Signals(keywords: strings, exemplars: strings.reversed())
            intent.touches = strings.filter { text in
                !text.isEmpty && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "#" }
            }.map { "prompts/x.md#\($0)" }
            intent.evidence = Intent.Evidence(conversations: index, accounts: index, plans: Dictionary(uniqueKeysWithValues: strings.enumerated().map { ($1, $0) }),
                                             churned: 0, sample: strings)
            intent.change = Intent.Change(branch: strings[2], commit: nil)
            intent.history = [Intent.HistoryEntry(event: .splitFrom, intents: strings, reason: strings[3])]
            intent.notes = strings[4]
            intents.append(intent)
        }
        let summaries = [
            "one line without newline",
            "one line with newline\n",
            "keeps\n\n\ntrailing newlines\n\n\n",
            "  indented first line\nthen normal\n",
            "\nstarts with a blank line\n",
            "has a tab\tinside\n",
            "line with trailing spaces   \nnext\n",
            "   \n",
            "unicode ✓ 日本 and an em dash — here\n",
            "control \u{1B}[31m escape\n",
            "  \n  indented after a space-only line\n",
            "---\n...\n# looks like a comment\nkey: value\n- item\n",
        ]
        for (index, summary) in summaries.enumerated() {
            var intent = Intent(id: "summary-\(index)", title: "Summary case \(index)", kind: .featureRequest,
                                summary: summary, notes: summaries[(index + 1) % summaries.count])
            intent.impact = Intent.Impact(frequency: index * 7, revenueExposure: [0, 0.1, 1e-7, 2.5e20, 1234.5678, 3][index % 6],
                                         stageWeight: 1.5, fixCost: [1, 0.25, 3][index % 3], priority: Double(index) * 10.125)
            intent.weekly = Dictionary(uniqueKeysWithValues: (0..<index).map { (week("2026-W10").adding(weeks: $0), $0 * 3) })
            intent.evidence = Intent.Evidence(conversations: index, accounts: 1, firstSeen: day("2025-12-29"),
                                             lastSeen: day("2026-01-04"), plans: [:], churned: 0,
                                             frustration: index % 3 == 0 ? nil : [0, 0.25, 1, 0.07][index % 4], sample: [])
            intent.change = Intent.Change(branch: "convo/summary-\(index)", commit: index % 2 == 0 ? "0123456789abcdef" : "1234567",
                                         merged: index % 3 == 0 ? day("2026-02-29") : nil)
            intent.history = index % 4 == 0 ? [] : [
                Intent.HistoryEntry(event: .reopened, date: day("2026-03-02"), reason: "weekly volume did not drop (58 before, 61 after)"),
                Intent.HistoryEntry(event: .mergedFrom, intents: ["a", "b-c"]),
            ]
            intents.append(intent)
        }
        return intents
    }
}

/// Runs PyYAML over files and compares what it loads with the JSON convo expects.
enum PyYAML {
    static let script = """
        import datetime, json, sys, yaml
        def norm(v):
            if isinstance(v, dict): return {str(k): norm(x) for k, x in v.items()}
            if isinstance(v, list): return [norm(x) for x in v]
            if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
            return v
        failures = 0
        for path in sys.argv[1:]:
            with open(path, encoding="utf-8") as f: loaded = norm(yaml.safe_load(f))
            with open(path + ".json", encoding="utf-8") as f: expected = json.load(f)
            if loaded != expected:
                failures += 1
                print("MISMATCH", path, json.dumps(loaded, sort_keys=True), json.dumps(expected, sort_keys=True))
        print("checked", len(sys.argv) - 1)
        sys.exit(1 if failures else 0)
        """

    /// Writes each (text, expected) pair and checks them all in one Python run.
    static func check(_ cases: [(name: String, text: String, expected: JSONValue)]) throws -> ProcessResult {
        let scratch = try ScratchDirectory()
        var paths: [String] = []
        for item in cases {
            let url = try scratch.write("\(item.name).intent", item.text)
            var writer = JSONWriter()
            writer.value(item.expected)
            try scratch.write("\(item.name).intent.json", writer.string)
            paths.append(url.path)
        }
        try scratch.write("check.py", script)
        let python = ProjectPaths.python ?? ProcessRunner.which("python3") ?? URL(fileURLWithPath: "/usr/bin/python3")
        return try ProcessRunner.run(python, [scratch.file("check.py").path] + paths)
    }
}

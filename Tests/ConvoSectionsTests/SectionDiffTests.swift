import ConvoSections
import ConvoTestSupport
import Foundation
import Testing

@Suite("Changed sections")
struct SectionDiffTests {
    static func example(_ path: String) throws -> String {
        try String(contentsOf: ProjectPaths.root.appendingPathComponent(path), encoding: .utf8)
    }

    func changes(_ path: String, _ old: String?, _ new: String?) throws -> [String] {
        try SectionDiff.changes(path: path, old: old, new: new).map(\.description)
    }

    @Test func editingOneHeadingsBodyReportsExactlyThatSection() throws {
        let old = try Self.example("prompts/support.md")
        let anchor = "When a user says their webhook is not arriving, work through the endpoint:"
        let new = old.replacingOccurrences(of: anchor, with: """
            When a user says their webhook is not arriving, first confirm that webhooks are enabled \
            for the project (Settings > Integrations), then work through the endpoint:
            """)
        #expect(new != old)
        #expect(try changes("prompts/support.md", old, new) == ["changed prompts/support.md#webhooks"])

        let nested = old.replacingOccurrences(of: "for up to 3 days.", with: "for up to 5 days.")
        #expect(try changes("prompts/support.md", old, nested) == ["changed prompts/support.md#webhooks/delivery-and-retries"])
    }

    @Test func movingTextInsideASectionReportsOnlyIt() throws {
        let old = "# A\none\ntwo\nthree\n## B\nb\n# C\nc\n"
        let new = "# A\nthree\none\ntwo\n## B\nb\n# C\nc\n"
        #expect(try changes("p.md", old, new) == ["changed p.md#a"])
        // Blank lines and trailing spaces around sections change nothing.
        #expect(try changes("p.md", old, "# A\none\ntwo\nthree   \n\n\n## B\nb\n\n# C\nc\n") == [])
    }

    @Test func addingRemovingAndRenamingSections() throws {
        let old = "# A\na\n## B\nb\n"
        #expect(try changes("p.md", old, "# A\na\n## B\nb\n## New\nn\n") == ["added p.md#a/new"])
        #expect(try changes("p.md", old, "# A\na\n") == ["removed p.md#a/b"])
        #expect(try changes("p.md", old, "# A\na\n## Bee\nb\n") == ["removed p.md#a/b", "added p.md#a/bee"])
        // Reordering kept children is a change to the parent.
        #expect(try changes("p.md", "# A\n## B\nb\n## C\nc\n", "# A\n## C\nc\n## B\nb\n") == ["changed p.md#a"])
        #expect(try changes("p.md", nil, "# A\n").sorted() == ["added p.md", "added p.md#a"])
        #expect(try changes("p.md", "# A\n", nil).sorted() == ["removed p.md", "removed p.md#a"])
        #expect(try changes("p.md", "intro\n# A\n", "intro, edited\n# A\n") == ["changed p.md"])
    }

    @Test func reorderingOrReformattingYAMLKeysReportsNothing() throws {
        let old = try Self.example("prompts/harness.yaml")
        let reordered = """
            tools:
              create_ticket:
                parameters:
                  urgent: {default: false, type: boolean}
                  summary: {required: true, type: string}
                  queue: {type: string, required: true, enum: [billing, limits, privacy, security, general]}
                description: "Open a ticket for a human team. Include a summary, what was already checked and the account id. Returns the ticket number to give the user."
              list_invoices:
                parameters:
                  limit: {type: integer, default: 12}
                  account_id:
                    required: yes
                    type: 'string'
                description: List the account's invoices with amount, status and period. Owners and admins only.
            """
        // Take every other key from the original, so that only create_ticket/list_invoices are reordered.
        var lines = old.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "  list_invoices:"))
        let end = try #require(lines.firstIndex(of: "guardrails:"))
        lines.removeSubrange(start..<(end - 1))
        let rebuilt = reordered + "\n" + lines.joined(separator: "\n").replacingOccurrences(of: "tools:\n", with: "tools_rest:\n")
        let rest = try SectionDiff.changes(path: "prompts/harness.yaml", old: old, new: rebuilt)
        // The rebuilt file moved other tools under another key; the two rewritten tools are unchanged.
        #expect(!rest.contains { $0.address.hasPrefix("prompts/harness.yaml#tools.create_ticket") })
        #expect(!rest.contains { $0.address.hasPrefix("prompts/harness.yaml#tools.list_invoices") })

        let simple = "b: 2\na:\n  y: [1, 2]\n  x: hello\n"
        #expect(try changes("c.yaml", simple, "# now commented\na: {x: 'hello', y: [1, 2]}\nb: 2\n") == [])
        #expect(try changes("c.yaml", simple, "b: 2\na:\n  y: [2, 1]\n  x: hello\n") == ["changed c.yaml#a.y"])
        #expect(try changes("c.yaml", simple, "b: 2\na:\n  y: [1, 2]\n  x: hello\n  z: 1\n") == ["added c.yaml#a.z"])
    }

    @Test func editingOneWandbValueReportsThatKey() throws {
        let path = "prompts/wandb/config-defaults.yaml"
        let old = try Self.example(path)
        let new = old.replacingOccurrences(of: "  desc: Documents retrieved per question\n  value: 6",
                                           with: "  desc: Documents retrieved per question\n  value: 8")
        #expect(new != old)
        #expect(try changes(path, old, new) == ["changed \(path)#retrieval_top_k"])
    }

    @Test func jsonReformattingReportsNothing() throws {
        let old = "{\"a\": {\"x\": 1, \"y\": [1, 2]}, \"b\": \"s\"}"
        let new = "{\n  \"b\": \"s\",\n  \"a\": {\n    \"y\": [1,2],\n    \"x\": 1.0\n  }\n}\n"
        #expect(try changes("c.json", old, new) == [])
        #expect(try changes("c.json", old, old.replacingOccurrences(of: "\"s\"", with: "\"t\"")) == ["changed c.json#b"])
    }

    @Test func filesOfOtherTypesChangeAsAWhole() throws {
        #expect(try changes("prompts/notes.txt", "a\n", "b\n") == ["changed prompts/notes.txt"])
        #expect(try changes("prompts/notes.txt", "a\n", "a  \n\n") == [])
    }

    @Test func aKeyChangingTypeIsAChange() throws {
        let result = try changes("c.yaml", "a: 1\n", "a: {b: 1}\n")
        #expect(result == ["changed c.yaml#a", "added c.yaml#a.b"], "\(result)")
    }
}

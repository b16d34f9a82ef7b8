import ConvoSections
import ConvoTestSupport
import Foundation
import Testing

@Suite("Section addresses")
struct SectionAddressTests {
    @Test func parsingAndPrinting() throws {
        let address = try #require(SectionAddress("./prompts/support.md#setup/api-keys"))
        #expect(address.path == "prompts/support.md")
        #expect(address.anchor == "setup/api-keys")
        #expect(address.description == "prompts/support.md#setup/api-keys")
        #expect(SectionAddress("prompts/support.md")?.anchor == nil)
        #expect(SectionAddress("prompts/support.md#")?.description == "prompts/support.md")
        #expect(SectionAddress("#webhooks") == nil)
        #expect(SectionAddress("") == nil)
    }

    @Test func coverage() {
        #expect(covers(touch: "p.md#a", address: "p.md#a"))
        #expect(covers(touch: "p.md#a", address: "p.md#a/b"))
        #expect(covers(touch: "h.yaml#a.b", address: "h.yaml#a.b.c"))
        #expect(covers(touch: "p.md", address: "p.md#anything/deep"))
        #expect(covers(touch: "p.md", address: "p.md"))
        #expect(!covers(touch: "p.md#a", address: "p.md#ab"))
        #expect(!covers(touch: "p.md#a/b", address: "p.md#a"))
        #expect(!covers(touch: "p.md#a", address: "p.md"))
        #expect(!covers(touch: "p.md#a", address: "q.md#a"))
        #expect(!covers(touch: "h.yaml#tools.x", address: "h.yaml#tools.xy.description"))
        #expect(covers(touch: "w/config-defaults.yaml#retrieval_top_k", address: "w/config-defaults.yaml#retrieval_top_k.value"))
    }

    @Test func lineResolvesToTheInnermostSection() throws {
        let text = try String(contentsOf: ProjectPaths.root.appendingPathComponent("prompts/support.md"), encoding: .utf8)
        let file = try SectionParser.parse(path: "prompts/support.md", text: text)
        let lines = text.components(separatedBy: "\n")
        let retries = try #require(lines.firstIndex { $0.contains("exponential backoff") }) + 1
        #expect(file.innermost(line: retries)?.address == "prompts/support.md#webhooks/delivery-and-retries")
        #expect(file.innermost(line: 1)?.address == "prompts/support.md")
        let harness = try SectionParser.parse(path: "h.yaml", text: "a:\n  b: 1\n  c:\n    d: 2\n")
        #expect(harness.innermost(line: 4)?.anchor == "a.c.d")
        #expect(harness.innermost(line: 3)?.anchor == "a.c")
    }

    @Test func theWorkedExampleHasTheContractAddresses() throws {
        var index = SectionIndex()
        for path in ["prompts/support.md", "prompts/harness.yaml", "prompts/wandb/config-defaults.yaml"] {
            index.add(try SectionIndex.parseFile(path, root: ProjectPaths.root))
        }
        let required = [
            "prompts/support.md#role-and-tone", "prompts/support.md#setup", "prompts/support.md#setup/api-keys",
            "prompts/support.md#setup/sdk-installation", "prompts/support.md#setup/environments",
            "prompts/support.md#webhooks", "prompts/support.md#webhooks/delivery-and-retries",
            "prompts/support.md#webhooks/signature-verification", "prompts/support.md#billing-and-plans",
            "prompts/support.md#billing-and-plans/invoices-and-refunds", "prompts/support.md#team-invites",
            "prompts/support.md#rate-limits", "prompts/support.md#data-and-privacy", "prompts/support.md#escalation",
            "prompts/harness.yaml#model.name", "prompts/harness.yaml#model.temperature", "prompts/harness.yaml#model.max_tokens",
            "prompts/harness.yaml#retrieval.top_k", "prompts/harness.yaml#retrieval.index",
            "prompts/wandb/config-defaults.yaml#retrieval_top_k", "prompts/wandb/config-defaults.yaml#temperature",
            "prompts/wandb/config-defaults.yaml#max_tokens", "prompts/wandb/config-defaults.yaml#rerank",
        ] + ["search_docs", "check_settings", "get_rate_limit_usage", "list_invoices", "create_ticket"].flatMap {
            ["prompts/harness.yaml#tools.\($0).description", "prompts/harness.yaml#tools.\($0).parameters"]
        }
        for address in required { #expect(index.contains(address), "\(address)") }
        // The demo's flaw: the webhooks section never says to check that webhooks are enabled.
        let webhooks = try #require(index.section(at: "prompts/support.md#webhooks"))
        #expect(!webhooks.content.lowercased().contains("enabled"))
        #expect(!webhooks.content.contains("Integrations"))
    }

    @Test func suggestionsForMistypedAddresses() throws {
        let index = SectionIndex(files: [try SectionParser.parse(path: "p.md", text: "# Webhooks\n## Delivery\n# Setup\n")])
        #expect(index.suggestions(for: "p.md#webhook").first == "p.md#webhooks")
        let error = #expect(throws: SectionError.self) { try index.validate("p.md#webhook") }
        #expect(error?.hints.first == "did you mean 'p.md#webhooks'?")
        #expect(throws: Never.self) { try index.validate("p.md#webhooks/delivery") }
        #expect(throws: Never.self) { try index.validate("p.md") }
    }
}

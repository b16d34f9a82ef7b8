/// What kind of change fixing an intent takes, judged from the sections it touches; each kind
/// has a cost in `rank.fix_cost`.
public enum ChangeKind: String, Sendable, Hashable, CaseIterable {
    /// Prose in a Markdown prompt (`prompts/support.md#webhooks`): the cheapest to change.
    case prompt
    /// A key in a YAML or JSON config (`prompts/wandb/config-defaults.yaml#retrieval_top_k`).
    case config
    /// A tool definition in the harness (`prompts/harness.yaml#tools.check_settings`): changes
    /// what the agent can do, so it needs the most care.
    case harness

    static let promptExtensions: Set<String> = ["md", "markdown", "mdx", "prompt", "txt", "j2", "jinja", "jinja2",
                                                "tmpl", "mustache", "hbs"]
    static let configExtensions: Set<String> = ["yaml", "yml", "json", "jsonc", "toml"]
    /// Top-level keys that hold tool definitions in harness configs.
    static let toolKeys: Set<String> = ["tools", "functions", "tool_definitions"]

    /// The kind of change a section address (`PATH#ANCHOR` or `PATH`) stands for.
    public init(address: String) {
        let parts = address.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let anchor = parts.count > 1 ? parts[1] : ""
        let fileName = (parts.first ?? "").split(separator: "/").last.map { $0.lowercased() } ?? ""
        let nameParts = fileName.split(separator: ".")
        let ext = nameParts.count > 1 ? String(nameParts[nameParts.count - 1]) : ""
        let baseName = nameParts.first.map(String.init) ?? ""
        if ChangeKind.promptExtensions.contains(ext) {
            self = .prompt
        } else if ChangeKind.configExtensions.contains(ext) {
            let firstKey = anchor.split(separator: ".").first.map { $0.lowercased() } ?? ""
            if ChangeKind.toolKeys.contains(firstKey) || (anchor.isEmpty && baseName.contains("harness")) {
                self = .harness
            } else {
                self = .config
            }
        } else {
            self = baseName.contains("harness") || baseName.contains("tool") ? .harness : .config
        }
    }
}

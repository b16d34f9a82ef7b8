import ArgumentParser
import ConvoBase
import ConvoIntents
import ConvoSections
import Foundation

/// Values the shell completion scripts (`convo --generate-completion-script bash|zsh|fish`) ask
/// convo for while the user types: intent ids and section addresses of the repository the
/// shell is in. Any failure completes nothing rather than printing an error into the prompt.
enum CompletionSources {
    /// Intent ids (`intents/*.intent`) starting with the word being typed.
    static let intentIDs = CompletionKind.custom { _, _, prefix in
        guard let workspace = currentWorkspace() else { return [] }
        return IntentDirectory(workspace: workspace).ids().filter { $0.hasPrefix(prefix) }
    }

    /// Section addresses of the governed files (`prompts/support.md#webhooks`).
    static let sectionAddresses = CompletionKind.custom { _, _, prefix in
        guard let workspace = currentWorkspace(), let config = try? workspace.loadConfig(),
              let index = try? SectionIndex.load(root: workspace.root, config: config) else { return [] }
        return index.addresses.filter { $0.hasPrefix(prefix) }
    }

    /// DESIGN.md's intent kinds.
    static let intentKinds = CompletionKind.list(IntentKind.allCases.map(\.rawValue))

    private static func currentWorkspace() -> Workspace? {
        Workspace.find(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

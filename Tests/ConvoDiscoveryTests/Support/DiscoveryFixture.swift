import ConvoBase
import ConvoDiscovery
import ConvoIntents
import ConvoModel
import ConvoSimulator
import ConvoStore
import ConvoTestSupport
import Foundation

/// A scratch repository with the worked example's intent files and a store, for running
/// `IntentDiscovery` as `convo cluster` does.
final class DiscoveryFixture {
    let scratch: ScratchDirectory
    let workspace: Workspace
    var config: ConvoConfig
    let store: any ConversationStore

    init(exampleIntents: Bool = true, config: ConvoConfig = ConvoConfig()) throws {
        scratch = try ScratchDirectory()
        workspace = Workspace(root: scratch.url)
        self.config = config
        try FileManager.default.createDirectory(at: workspace.intentsDirectory, withIntermediateDirectories: true)
        if exampleIntents {
            for name in ["webhook-not-firing.intent", "rate-limit-429.intent"] {
                try FileManager.default.copyItem(at: ProjectPaths.root.appendingPathComponent("intents/\(name)"),
                                                 to: workspace.intentsDirectory.appendingPathComponent(name))
            }
        }
        store = try ConversationStores.open(config.store, in: workspace, synchronous: .normal)
    }

    var intents: IntentDirectory { IntentDirectory(workspace: workspace) }

    /// Loads simulated traffic into the store; returns the ground truth by conversation id.
    @discardableResult
    func load(_ dataset: SimulatedDataset) throws -> [String: GroundTruth] {
        _ = try store.merge(dataset.conversations)
        _ = try store.mergeAccounts(dataset.accounts)
        return Dictionary(dataset.truth.map { ($0.conversation, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func run(_ options: DiscoveryOptions = DiscoveryOptions()) async throws -> DiscoveryReport {
        try await IntentDiscovery(workspace: workspace, config: config, store: store, environment: [:]).run(options)
    }

    /// Every intent file's text, by file name.
    func files() throws -> [String: String] {
        var files: [String: String] = [:]
        for path in intents.files() {
            files[path] = try String(contentsOf: workspace.root.appendingPathComponent(path), encoding: .utf8)
        }
        return files
    }

    func intent(_ id: String) throws -> Intent { try intents.intent(id: id) }

    /// The simulator's traffic for a seed, cached per process (generating it is the slow part).
    static func simulated(seed: UInt64, conversations: Int) throws -> SimulatedDataset {
        try Simulator(SimulationConfiguration(seed: seed, conversations: conversations)).generate()
    }
}

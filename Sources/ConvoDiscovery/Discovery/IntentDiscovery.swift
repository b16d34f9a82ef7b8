import ConvoBase
import ConvoCluster
import ConvoEmbeddingCache
import ConvoIntents
import ConvoLLM
import ConvoModel
import ConvoRank
import ConvoStore
import Foundation

/// What `convo cluster` is asked to do.
public struct DiscoveryOptions: Sendable {
    /// The conversations to cluster; the others keep the intent they have.
    public var filter: ConversationFilter
    /// Work everything out, write nothing (no intent file, no assignment).
    public var dryRun: Bool

    public init(filter: ConversationFilter = .all, dryRun: Bool = false) {
        self.filter = filter
        self.dryRun = dryRun
    }
}

/// `convo cluster`: groups the store's conversations into intents, existing intent files first,
/// names the new ones, and brings every intent file's evidence, impact and weekly counts up to
/// date, then records each conversation's intent in the store.
///
/// The steps:
/// 1. Read every intent file (a file with errors stops the run: it could not be updated) and
///    every conversation, once, keeping a digest of each (`ConversationDigest`).
/// 2. Cluster the selected conversations (`Clusterer`) with the intents as known groups: the
///    conversations each intent had after the last run as anchors, and its `signals` (exemplars,
///    and the keywords as one more text) placed in the same space. Existing intents keep their
///    conversations, claim the new clusters their signals point to, merge when they turn out to
///    be one and split when half of one shares nothing with the other half (see
///    `Clusterer.reconcile`); what matches no intent and reaches `cluster.min_size` becomes a
///    new intent.
/// 3. Name each new intent (`IntentNamer`, and `ChatNamer` for title and kind when `llm:` is
///    configured), classify its kind (`KindRules`), and measure every intent's evidence
///    (`IntentEvidence`, frustration) and impact (`Ranker`, with the config's weights).
/// 4. Write new intent files in canonical form and, in existing ones, only the blocks convo
///    owns (evidence, impact, weekly, history; signals when they were empty), byte-for-byte
///    elsewhere; then store every clustered conversation's intent. Same data, same bytes.
public struct IntentDiscovery {
    public let workspace: Workspace
    public let config: ConvoConfig
    public let store: any ConversationStore
    /// Where the API key variables the config names are read.
    public var environment: [String: String]

    public init(workspace: Workspace, config: ConvoConfig, store: any ConversationStore,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.workspace = workspace
        self.config = config
        self.store = store
        self.environment = environment
    }

    public func run(_ options: DiscoveryOptions = DiscoveryOptions(),
                    progress: any ProgressObserver = SilentProgress()) async throws -> DiscoveryReport {
        var report = DiscoveryReport()
        report.dryRun = options.dryRun
        let directory = IntentDirectory(workspace: workspace)
        let intents = try loadIntents(directory)
        let embedder = try await EmbeddingSetup.embedder(config.embeddings, workspace: workspace, environment: environment)
        let corpus = try Corpus(store: store, policy: embedder == nil ? ConversationTextPolicy() : .denseEmbeddings,
                                filter: options.filter, progress: progress)
        report.conversations = corpus.window.count

        // Known groups: last run's intents (through any merge since) and the files' signals.
        let lineage = IntentLineage(intents)
        var anchors: [String: String] = [:]
        for index in corpus.window {
            let id = corpus.digests[index].facts.id
            if let prior = corpus.previous[id], let current = lineage.current(prior) { anchors[id] = current }
        }
        var signals: [String: [ClusteringItem]] = [:]
        for intent in intents where !intent.isRetired && !intent.signals.isEmpty {
            signals[intent.id] = Self.signalItems(intent)
        }
        var settings = embedder == nil ? ClusteringSettings.lexical : .denseEmbeddings
        settings.minClusterSize = config.cluster.minSize
        let clusterer = Clusterer(settings: settings, anchors: anchors, signals: signals)
        let items = corpus.window.map { corpus.digests[$0].item }
        let clustered: Clustered
        if let embedder {
            clustered = try await Clustered(items, clusterer: clusterer, embedder: embedder, progress: progress)
            report.embedding = clustered.embedding
        } else {
            clustered = Clustered(items, clusterer: clusterer, progress: progress)
        }
        let result = clustered.result

        // Each cluster's intent: the known group it continues, or a new intent named here.
        progress.update("naming intents", completed: 0, total: result.clusters.count, unit: "clusters")
        let redactor = try Redactor(settings: config.redaction)
        let naming = Naming(namer: IntentNamer(redactor: redactor, duplicateSimilarity: settings.duplicateSimilarity),
                            rules: KindRules(onboardingDays: config.rank.stageBandsDays["onboarding"] ?? 7),
                            chat: try config.llm.map { ChatNamer(client: try ChatClient.configured($0, environment: environment),
                                                                 redactor: redactor) },
                            corpus: corpus, clustered: clustered, rankSettings: config.rank)
        var reserved = Set(directory.ids())
        var clusterIntent: [String] = []
        var created: [String: Intent] = [:]
        var split: [DiscoveryReport.Lineage] = []
        let fresh = result.clusters.filter { $0.anchor == nil }
        var drafts = Dictionary(uniqueKeysWithValues: zip(fresh.map(\.index), naming.drafts(fresh)))
        for cluster in result.clusters {
            if let key = cluster.anchor {
                clusterIntent.append(key)
                continue
            }
            let draft = drafts.removeValue(forKey: cluster.index) ?? naming.draft(cluster)
            var intent = await naming.newIntent(cluster, draft: draft, reserved: reserved, warnings: &report.warnings)
            reserved.insert(intent.id)
            if let parent = cluster.splitFrom {
                intent.history = [Intent.HistoryEntry(event: .splitFrom, date: corpus.lastDay, intents: [parent],
                                                      reason: "its conversations share nothing with the rest of \(parent)")]
                split.append(DiscoveryReport.Lineage(from: parent, into: intent.id))
            }
            created[intent.id] = intent
            clusterIntent.append(intent.id)
            progress.update("naming intents", completed: clusterIntent.count, total: result.clusters.count, unit: "clusters")
        }
        progress.finish("naming intents")
        report.split = split
        report.merged = result.merged.sorted { $0.key < $1.key }.map { DiscoveryReport.Lineage(from: $0.key, into: $0.value) }
        let mergedNow = result.merged

        // Every conversation's intent after this run: clustered ones as decided, the others as
        // before (following any merge).
        var assignment: [String?] = corpus.digests.map { digest in
            corpus.previous[digest.facts.id].flatMap { lineage.current($0) }.map { mergedNow[$0] ?? $0 }
        }
        for (position, index) in corpus.window.enumerated() {
            assignment[index] = result.assignments[position].map { clusterIntent[$0] }
        }
        report.assigned = corpus.window.filter { assignment[$0] != nil }.count
        // Only what changed is written: clustering unchanged data again writes nothing.
        var changes: [IntentAssignment] = []
        for (index, digest) in corpus.digests.enumerated() where assignment[index] != corpus.previous[digest.facts.id] {
            changes.append(IntentAssignment(conversation: digest.facts.id, intent: assignment[index]))
        }
        report.assignmentsChanged = changes.count
        var members: [String: [Int]] = [:]
        for (index, intent) in assignment.enumerated() {
            if let intent { members[intent, default: []].append(index) }
        }

        // Files: new ones whole, existing ones block by block.
        progress.update("updating intent files", completed: 0, total: nil, unit: "files")
        let clusterOf = Dictionary(result.clusters.map { (clusterIntent[$0.index], $0) }, uniquingKeysWith: { first, _ in first })
        var writes: [(path: String, text: String)] = []
        var newSignals: [ClusteringItem] = []
        // Existing intents (with the blocks to rewrite) and then new ones, measured together on
        // every core: each reads only its own conversations.
        var pending: [(intent: Intent, fields: Set<IntentField>?, hadEvidence: Bool)] = []
        for intent in intents where !intent.isRetired {
            var updated = intent
            var fields: Set<IntentField> = [.evidence, .impact, .weekly]
            if let into = mergedNow[intent.id] {
                updated.history.append(Intent.HistoryEntry(event: .mergedInto, date: corpus.lastDay, intents: [into],
                                                           reason: "its conversations and \(into)'s are one intent"))
                fields.insert(.history)
            }
            let absorbed = mergedNow.filter { $0.value == intent.id }.keys.sorted()
            if !absorbed.isEmpty {
                updated.history.append(Intent.HistoryEntry(event: .mergedFrom, date: corpus.lastDay, intents: absorbed))
                fields.insert(.history)
            }
            let children = split.filter { $0.from == intent.id }.map(\.into)
            if !children.isEmpty {
                updated.history.append(Intent.HistoryEntry(event: .splitInto, date: corpus.lastDay, intents: children))
                fields.insert(.history)
            }
            if intent.signals.isEmpty, let cluster = clusterOf[intent.id] {
                let name = naming.name(cluster)
                updated.signals = Intent.Signals(keywords: name.keywords.sorted(), exemplars: name.exemplars)
                fields.insert(.signals)
                newSignals += Self.signalItems(updated)
            }
            pending.append((updated, fields, intent.evidence != nil))
        }
        for id in created.keys.sorted() {
            guard let intent = created[id] else { continue }
            pending.append((intent, nil, false))
        }
        let memberLists = members
        let measured = pending.concurrentMap(chunk: 1) { item -> (Intent, [String]) in
            var intent = item.intent
            var warnings: [String] = []
            naming.measure(&intent, members: memberLists[intent.id] ?? [], hadEvidence: item.hadEvidence, warnings: &warnings)
            return (intent, warnings)
        }
        for (item, (intent, warnings)) in zip(pending, measured) {
            report.warnings += warnings
            let count = members[intent.id]?.count ?? 0
            if let fields = item.fields {
                let document = try directory.document(id: intent.id)
                let text = try document.updating(fields, from: intent)
                report.intents.append(.init(id: intent.id, title: item.intent.title, kind: item.intent.kind, conversations: count,
                                            change: text == document.text ? .unchanged : .updated, file: document.file))
                if text != document.text { writes.append((document.file, text)) }
            } else {
                newSignals += Self.signalItems(intent)
                let path = directory.relativePath(id: intent.id)
                report.intents.append(.init(id: intent.id, title: intent.title, kind: intent.kind, conversations: count,
                                            change: .created, file: path))
                writes.append((path, IntentWriter.write(intent)))
            }
        }
        report.intents.sort { $0.id < $1.id }
        progress.finish("updating intent files")
        guard !options.dryRun else { return report }
        for write in writes { try directory.write(write.text, to: write.path) }
        progress.update("saving assignments", completed: 0, total: changes.count, unit: "conversations")
        try store.saveAssignments(changes)
        progress.finish("saving assignments")
        if let embedder, !newSignals.isEmpty {
            // The next run places these signals among the conversations: embed them now, so
            // clustering unchanged data again embeds nothing.
            let before = try embedder.cache.count(embedder: embedder.identifier)
            _ = try await embedder.embed(newSignals.map(\.joinedText))
            report.embedding?.texts += newSignals.count
            report.embedding?.computed += try embedder.cache.count(embedder: embedder.identifier) - before
        }
        return report
    }

    /// Every intent file, which must all read without errors: a file convo cannot read, it
    /// cannot update either.
    private func loadIntents(_ directory: IntentDirectory) throws -> [Intent] {
        let (intents, problems) = directory.loadAll()
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else {
            var diagnostics = errors
            diagnostics.append(Diagnostic(.note, at: nil, "convo cluster updates every intent file, so each must be valid first",
                                          hints: ["fix the files above; `convo intent validate` checks them"]))
            throw DiagnosticsError(diagnostics, exitStatus: .usage)
        }
        return intents
    }

    /// An intent's signals as texts to place among the conversations: each exemplar, and the
    /// keywords together as one more.
    static func signalItems(_ intent: Intent) -> [ClusteringItem] {
        var items = intent.signals.exemplars.enumerated().map { ClusteringItem(id: "\(intent.id)#exemplar-\($0.offset)", text: $0.element) }
        if !intent.signals.keywords.isEmpty {
            items.append(ClusteringItem(id: "\(intent.id)#keywords", text: intent.signals.keywords.joined(separator: " ")))
        }
        return items
    }
}

/// Which intent an intent id stands for today: itself, or (after a merge) the intent it was
/// merged into, followed to the end of the chain; nil for an id with no file.
struct IntentLineage {
    private let byID: [String: Intent]

    init(_ intents: [Intent]) {
        byID = Dictionary(intents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func current(_ id: String) -> String? {
        var id = id
        var seen = Set<String>()
        while let intent = byID[id], seen.insert(id).inserted {
            guard let into = intent.mergedInto else { return id }
            id = into
        }
        return nil
    }
}

/// The store's conversations, read once: a digest of each, which of them this run clusters, and
/// the intents the last run left them in.
struct Corpus: Sendable {
    var digests: [ConversationDigest] = []
    /// Indices into `digests` of the conversations to cluster, in the store's order.
    var window: [Int] = []
    /// `conversation id → intent id` as the last run left them.
    var previous: [String: String] = [:]
    var accounts: [String: Account] = [:]
    /// The day of the latest conversation: the date history entries carry.
    var lastDay: Day?

    init(store: any ConversationStore, policy: ConversationTextPolicy, filter: ConversationFilter,
         progress: any ProgressObserver) throws {
        let total = try store.count(matching: .all)
        digests.reserveCapacity(total)
        // Digesting (clustering text, frustration signs) costs more than reading: batches are
        // digested on every core while the store goes on being read.
        progress.update("reading conversations", completed: 0, total: total, unit: "conversations")
        let pipeline = DigestPipeline(policy: policy)
        var batch: [Conversation] = []
        var read = 0
        try store.forEachConversation(matching: .all, includeTurns: true) { conversation in
            batch.append(conversation)
            read += 1
            if batch.count == Self.batchSize {
                pipeline.submit(batch)
                batch.removeAll(keepingCapacity: true)
                progress.update("reading conversations", completed: read, total: total, unit: "conversations")
            }
        }
        pipeline.submit(batch)
        digests = pipeline.finish()
        progress.finish("reading conversations")
        var recorded: [String: String] = [:]
        try store.forEachAssignment(matching: .all) { assignment in
            if let intent = assignment.intent { recorded[assignment.conversation] = intent }
        }
        previous = recorded
        if filter == .all {
            window = Array(digests.indices)
        } else {
            var selected = Set<String>()
            try store.forEachAssignment(matching: filter) { selected.insert($0.conversation) }
            window = digests.indices.filter { selected.contains(digests[$0].facts.id) }
        }
        accounts = Dictionary(try store.accounts().map { ($0.id, $0) }, uniquingKeysWith: { _, later in later })
        lastDay = digests.compactMap(\.facts.startedAt).max()?.day
    }

    /// Conversations read before their digests are made together.
    static let batchSize = 2048
}

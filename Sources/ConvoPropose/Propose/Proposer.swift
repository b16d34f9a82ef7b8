public import ConvoBase
public import ConvoGit
import ConvoHooks
import ConvoIntents
public import ConvoSections
public import Foundation

/// Where the edit `convo propose` commits comes from.
public enum EditSource: Sendable {
    /// The work tree's changes to governed files (staged or not, and new files).
    case workTree
    /// A unified diff applied in memory to the HEAD versions; `name` names it in messages.
    case patch(text: String, name: String)
    /// New contents for some governed files (what `--draft` produced), over their HEAD versions.
    case contents([String: String])
}

/// What `convo propose` is asked to do.
public struct ProposeOptions: Sendable {
    /// The intent's id.
    public var intent: String
    public var source: EditSource
    /// Add sections the edit changes but the intent does not touch to its `touches`.
    public var link: Bool
    /// Replace an existing `convo/INTENT` branch.
    public var force: Bool
    /// For the author and committer (`GIT_AUTHOR_*`, `GIT_COMMITTER_*`, `CONVO_AUTHOR_*`).
    public var environment: [String: String]

    public init(intent: String, source: EditSource = .workTree, link: Bool = false, force: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.intent = intent
        self.source = source
        self.link = link
        self.force = force
        self.environment = environment
    }
}

/// What `convo propose` did.
public struct Proposal: Sendable {
    /// `convo/INTENT`.
    public var branch: String
    /// The new commit, the branch's only commit on top of `parent`.
    public var commit: ObjectID
    /// The commit the proposal was made on (HEAD before).
    public var parent: ObjectID
    /// The full commit message, trailers included.
    public var message: String
    /// Governed files the commit changes, sorted.
    public var files: [String]
    /// Every section the edit changes, sorted by address.
    public var sections: [SectionChange]
    /// Addresses `--link` added to the intent's touches.
    public var linked: [String]
    /// `intents/ID.intent`.
    public var intentFile: String
    /// The old tip of the branch when `--force` replaced it.
    public var replaced: ObjectID?
}

/// One governed file the proposal changes: HEAD's version and the new one.
struct FileEdit {
    var path: String
    var old: Data?
    var new: Data?
    var mode: FileMode
}

/// `convo propose`: turns edits of governed files into branch `convo/INTENT` holding one commit,
/// made through libgit2, with those files and the intent file (status `proposed`,
/// `change.branch`), and leaves HEAD on that branch with the index and work tree matching it for
/// those paths, so `git status` shows only unrelated changes.
///
/// `change.commit` is not written: a commit cannot contain its own id. The branch is recorded,
/// and the commit is found later by its `Intent:` trailer (`convo watch`, `convo check`, blame).
public final class Proposer {
    public let repository: Repository
    public let workspace: Workspace
    public let config: ConvoConfig
    public let redactor: Redactor

    public init(repository: Repository, workspace: Workspace, config: ConvoConfig, redactor: Redactor) {
        self.repository = repository
        self.workspace = workspace
        self.config = config
        self.redactor = redactor
    }

    /// Governed, and not an intent file (those are committed as the intent's own update).
    private func isGoverned(_ path: String) -> Bool {
        SectionHistory.isGoverned(path, globs: config.governed.map(Glob.init)) && !SectionHistory.isIntentFile(path)
    }

    /// The branch a proposal for `intent` goes on.
    public static func branchName(for intent: String) -> String { "convo/\(intent)" }

    /// Makes the proposal: checks the repository state and the edit's coverage, writes the
    /// commit and the branch, moves HEAD, and brings the index and work tree in line.
    /// - Throws: `ProposeError` for what the user must fix first (a merge in progress, an
    ///   unborn HEAD, an existing branch, no governed change, uncovered sections), `PatchError`
    ///   for a patch that does not apply, `SectionError` for a file whose sections cannot be
    ///   read, `GitError` when git itself fails. Nothing is written before those checks pass.
    public func propose(_ options: ProposeOptions) throws -> Proposal {
        // Refuse what git itself would refuse to commit over.
        let state = try repository.state()
        guard !state.isInProgress else {
            throw ProposeError("\(state.phrase) is in progress", hints: ["finish it or abort it (`git merge --abort`, `git rebase --abort`), then run convo propose again"])
        }
        guard let base = try repository.head().target else {
            throw ProposeError("HEAD has no commits yet, so there is nothing to propose a change to",
                               hints: ["commit the prompts first: `git add prompts intents .convo && git commit -m 'Add prompts'`"])
        }
        let branch = Proposer.branchName(for: options.intent)
        guard Slug.isValid(options.intent), Repository.isValidBranchName(branch) else {
            throw ProposeError("'\(options.intent)' is not an intent id", exitStatus: .usage, hints: ["run `convo intent list` to see the ids"])
        }
        let existing = try repository.referenceTarget("refs/heads/" + branch)
        if let existing, !options.force {
            throw ProposeError("branch \(branch) exists already (at \(existing.abbreviated()))",
                               hints: ["pass --force to replace it with the new proposal", "or delete it: `git branch -D \(branch)`"])
        }

        let intents = IntentDirectory(workspace: workspace)
        let document = try intents.document(id: options.intent)
        guard var intent = document.intent else { throw DiagnosticsError(document.parsed.diagnostics, exitStatus: .usage) }

        let edits = try collectEdits(options.source, base: base)
        guard !edits.isEmpty else {
            throw ProposeError("there are no changes to governed files to propose",
                               hints: ["edit a governed file (\(config.governed.joined(separator: ", "))) first, or pass --patch FILE or --draft"])
        }
        var changes: [SectionChange] = []
        for edit in edits {
            changes += try SectionDiff.changes(path: edit.path, old: try text(edit.old, edit.path), new: try text(edit.new, edit.path))
        }
        changes.sort()

        let uncovered = changes.filter { change in !intent.touches.contains { covers(touch: $0, address: change.address) } }
        var linked: [String] = []
        if !uncovered.isEmpty {
            guard options.link else {
                let list = uncovered.map(\.address)
                throw ProposeError("intent '\(intent.id)' does not touch \(list.count == 1 ? "the section" : "the sections") this edit changes: "
                                   + list.joined(separator: ", "),
                                   at: SourceLocation(file: document.file, line: document.parsed.fieldLines[.touches]),
                                   hints: ["pass --link to add \(list.count == 1 ? "it" : "them") to the intent's touches",
                                           "or link by hand: `convo intent link \(intent.id) \(list.joined(separator: " "))`",
                                           "or leave those edits out of this proposal (`git stash push -- FILE`)"])
            }
            for change in uncovered {
                let address = change.kind == .removed ? Proposer.parentAddress(of: change.address) : change.address
                if !intent.touches.contains(where: { covers(touch: $0, address: change.address) }) && !linked.contains(address) {
                    linked.append(address)
                    intent.touches.append(address)
                }
            }
        }

        intent.status = .proposed
        intent.change = Intent.Change(branch: branch, commit: nil, merged: nil)
        var fields: Set<IntentField> = [.status, .change]
        if !linked.isEmpty { fields.insert(.touches) }
        let intentText = try document.updating(fields, from: intent)

        let message = try ProposalMessage.compose(intent: intent, changes: changes,
                                                  maxConversationTrailers: config.propose.maxConversationTrailers,
                                                  churnWindowHours: config.rank.churnWindowHours, redactor: redactor)
        var treeChanges: [TreeChange] = edits.map { edit in
            edit.new.map { TreeChange.write(path: edit.path, contents: $0, mode: edit.mode) } ?? .delete(path: edit.path)
        }
        treeChanges.append(.write(path: document.file, contents: Data(intentText.utf8)))
        let tree = try repository.buildTree(from: base, applying: treeChanges)
        let author = try repository.signature(for: .author, environment: options.environment)
        let committer = try repository.signature(for: .committer, environment: options.environment)
        let commit = try repository.createCommit(tree: tree, parents: [base], author: author, committer: committer, message: message)

        try repository.setReflogIdentity(committer)
        if let existing {
            try repository.updateReference("refs/heads/" + branch, to: commit, expecting: .value(existing),
                                           reflogMessage: "convo propose: \(intent.id) (replacing \(existing.abbreviated()))")
        } else {
            try repository.updateReference("refs/heads/" + branch, to: commit, expecting: .absent,
                                           reflogMessage: "convo propose: \(intent.id)")
        }
        try repository.setHead(toBranch: branch)
        try syncWorkTree(edits: edits, source: options.source, intentFile: document.file, intentText: intentText)

        return Proposal(branch: branch, commit: commit, parent: base, message: message, files: edits.map(\.path).sorted(),
                        sections: changes, linked: linked, intentFile: document.file, replaced: existing)
    }

    /// The address that covers a removed section: its parent heading or key, else the whole file.
    static func parentAddress(of address: String) -> String {
        guard let parsed = SectionAddress(address), let anchor = parsed.anchor,
              let cut = anchor.lastIndex(where: { $0 == "/" || $0 == "." }) else {
            return SectionAddress(address)?.path ?? address
        }
        return SectionAddress(path: parsed.path, anchor: String(anchor[..<cut])).description
    }

    // MARK: Collecting the edit

    private func collectEdits(_ source: EditSource, base: ObjectID) throws -> [FileEdit] {
        switch source {
        case .workTree:
            return try workTreeEdits(base: base)
        case .patch(let patchText, let name):
            let patch = try UnifiedPatch.parse(patchText, name: name)
            var contents: [String: String?] = [:]
            for file in patch.files {
                if let oldPath = file.oldPath, let newPath = file.newPath, oldPath != newPath {
                    throw PatchError("the patch renames '\(oldPath)' to '\(newPath)'; convo proposes edits in place",
                                     file: name, line: file.line, hints: ["rename the file in a separate commit"])
                }
                guard contents[file.path] == nil else {
                    throw PatchError("the patch changes '\(file.path)' twice", file: name, line: file.line)
                }
                let old = try text(try headBlob(file.path, base: base)?.data, file.path)
                contents[file.path] = .some(try file.apply(to: old, patchName: name))
            }
            return try overlayEdits(contents, base: base, origin: "the patch")
        case .contents(let files):
            return try overlayEdits(files.mapValues { Optional($0) }, base: base, origin: "the draft")
        }
    }

    /// Changed governed files in the work tree, against HEAD.
    private func workTreeEdits(base: ObjectID) throws -> [FileEdit] {
        let pathspecs = SectionHistory.pathspecs(for: config.governed).filter { $0 + "/" != SectionHistory.intentsDirectory }
        var edits: [FileEdit] = []
        for entry in try repository.status(StatusOptions(paths: pathspecs)) {
            let path = entry.path
            guard isGoverned(path) else { continue }
            if entry.index == StatusChange.conflicted {
                throw ProposeError("\(path) has an unresolved conflict", hints: ["resolve it and `git add \(path)` first"])
            }
            let head = try headBlob(path, base: base)
            let url = workspace.root.appendingPathComponent(path)
            let new = FileManager.default.fileExists(atPath: url.path) ? FileManager.default.contents(atPath: url.path) : nil
            if let original = entry.originalPath, original != path, isGoverned(original) {
                throw ProposeError("\(original) is staged as renamed to \(path); convo proposes edits in place",
                                   hints: ["commit the rename on its own first"])
            }
            guard head?.data != new else { continue }
            edits.append(FileEdit(path: path, old: head?.data, new: new, mode: head?.mode ?? .blob))
        }
        return edits.sorted { $0.path < $1.path }
    }

    /// New contents over HEAD's versions; the paths must be governed and clean in the work tree,
    /// since the proposal will write them there.
    private func overlayEdits(_ contents: [String: String?], base: ObjectID, origin: String) throws -> [FileEdit] {
        var edits: [FileEdit] = []
        for path in contents.keys.sorted() {
            guard let new = contents[path] else { continue }
            guard isGoverned(path) else {
                throw ProposeError("\(origin) changes \(path), which is not governed (governed: \(config.governed.joined(separator: ", ")))",
                                   exitStatus: .usage, hints: ["propose changes to prompts and configs only; commit other files separately"])
            }
            if try repository.isDirty(paths: [path]) {
                throw ProposeError("\(path) has uncommitted changes, which the proposal would overwrite",
                                   hints: ["commit or stash them first (`git stash push -- \(path)`)",
                                           "or make the edit in the work tree and run `convo propose` without --patch/--draft"])
            }
            let head = try headBlob(path, base: base)
            let data = new.map { Data($0.utf8) }
            guard head?.data != data else { continue }
            edits.append(FileEdit(path: path, old: head?.data, new: data, mode: head?.mode ?? .blob))
        }
        return edits
    }

    private func headBlob(_ path: String, base: ObjectID) throws -> (data: Data, mode: FileMode)? {
        guard let entry = try repository.entry(at: path, in: base) else { return nil }
        guard entry.mode.isFile else {
            throw ProposeError("\(path) is a \(entry.mode == .tree ? "directory" : "submodule") in HEAD, not a file")
        }
        return (try repository.blob(entry.id), entry.mode)
    }

    private func text(_ data: Data?, _ path: String) throws -> String? {
        guard let data else { return nil }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ProposeError("\(path) is not UTF-8 text, so its sections cannot be read", at: SourceLocation(file: path))
        }
        return text
    }

    // MARK: Leaving the work tree matching the new HEAD

    /// Writes what the commit holds into the work tree (the intent file, and files from a patch
    /// or draft) and stages every committed path, so `git status` is clean for them.
    private func syncWorkTree(edits: [FileEdit], source: EditSource, intentFile: String, intentText: String) throws {
        let manager = FileManager.default
        var writes: [(String, Data?)] = [(intentFile, Data(intentText.utf8))]
        if case .workTree = source {} else { writes += edits.map { ($0.path, $0.new) } }
        for (path, data) in writes {
            let url = workspace.root.appendingPathComponent(path)
            do {
                if let data {
                    try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: url, options: .atomic)
                } else if manager.fileExists(atPath: url.path) {
                    try manager.removeItem(at: url)
                }
            } catch {
                throw ProposeError("the commit is made and HEAD is on it, but writing \(path) failed: \(error.localizedDescription)",
                                   hints: ["run `git checkout -- \(path)` to restore it from the commit"])
            }
        }
        let index = try repository.index()
        for edit in edits {
            if edit.new == nil { try index.remove(path: edit.path) } else { try index.addFromWorkTree(path: edit.path) }
        }
        try index.addFromWorkTree(path: intentFile)
        try index.write()
    }
}

@available(*, unavailable)
extension Proposer: Sendable {}

/// Why `convo propose`, `pr`, `blame` or `--draft` stopped.
public struct ProposeError: UserFacingError {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]
    public var exitStatus: ExitStatus

    public init(_ message: String, at location: SourceLocation? = nil, exitStatus: ExitStatus = .finding, hints: [String] = []) {
        self.message = message
        self.location = location
        self.exitStatus = exitStatus
        self.hints = hints
    }
}

public import ConvoBase
import ConvoGit
import Foundation

/// Adds and removes convo's pre-push check in a hooks directory without clobbering what is there.
///
/// convo's part is a marked block (`# >>> convo pre-push hook >>>` … `# <<< … <<<`), in the
/// style of git-branchless:
/// - no hook yet: a new `#!/bin/sh` file holding the block;
/// - a shell hook: the block goes right after its `#!` line, so it runs before anything that
///   could `exit` or `exec`; it saves git's ref list, runs convo on it, and replays it as the
///   rest of the hook's stdin, so the original hook reads what git sent;
/// - a hook in another language (Python, Node…): it is moved to `pre-push.convo-chained` and a
///   shell hook with the block calls it with the same arguments and stdin.
///
/// The block calls the convo binary by the absolute path it had at install time, falling back to
/// `convo` on `PATH` when that file is gone (say, after an upgrade moved it). Installing again
/// replaces only the block; uninstalling removes only the block, and deletes the file (restoring
/// a chained hook) when nothing else is left.
public struct HookInstaller: Sendable {
    /// The directory git runs hooks from.
    public let hooksDirectory: String
    /// The convo binary the block calls first; nil to rely on `PATH`.
    public let executable: String?
    public let hookName = "pre-push"

    public static let startMarker = "# >>> convo pre-push hook >>>"
    public static let endMarker = "# <<< convo pre-push hook <<<"

    public init(hooksDirectory: String, executable: String?) {
        self.hooksDirectory = hooksDirectory
        self.executable = executable
    }

    /// An installer for `repository`'s hooks directory (honouring `core.hooksPath`), with a
    /// warning when that setting is in use, since other tools (husky, lefthook) may own it.
    public static func forRepository(_ repository: Repository, executable: String?) throws -> (HookInstaller, warnings: [String]) {
        let directory = try repository.hooksDirectory()
        var warnings: [String] = []
        if let setting = try repository.hooksPathSetting(), !setting.isEmpty {
            warnings.append("core.hooksPath is set to '\(setting)': the hook goes into \(directory), which git uses "
                            + "instead of .git/hooks; tools such as husky or lefthook may manage that directory")
        }
        return (HookInstaller(hooksDirectory: directory, executable: executable), warnings)
    }

    public var hookPath: String { hooksDirectory + "/" + hookName }
    public var chainedPath: String { hookPath + ".convo-chained" }

    /// What `install()` did.
    public enum InstallAction: String, Sendable {
        /// Wrote a new hook file.
        case created
        /// Added the block to an existing shell hook.
        case added
        /// Moved a hook in another language aside and wrote a hook that runs it after the check.
        case chained
        /// Replaced an older version of the block.
        case updated
        /// The block was there already, as it would be written.
        case unchanged
    }

    /// What `uninstall()` did.
    public enum UninstallAction: String, Sendable {
        /// Removed the block and kept the rest of the hook.
        case removedBlock
        /// Removed the hook file, which held only the block.
        case deletedFile
        /// Removed convo's hook and put the chained hook back in its place.
        case restoredChained
        /// There was no block to remove.
        case notInstalled
    }

    public func install() throws(HookInstallError) -> InstallAction {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        } catch {
            throw HookInstallError("cannot create the hooks directory \(hooksDirectory): \(error.localizedDescription)", path: hooksDirectory)
        }
        let action: InstallAction
        if let existing = try read(hookPath) {
            if let range = HookInstaller.blockRange(in: existing) {
                let chained = manager.fileExists(atPath: chainedPath)
                var lines = HookInstaller.lines(existing)
                let replacement = HookInstaller.blockLines(executable: executable, chained: chained)
                if Array(lines[range]) == replacement {
                    action = .unchanged
                } else {
                    lines.replaceSubrange(range, with: replacement)
                    try write(HookInstaller.joined(lines), to: hookPath)
                    action = .updated
                }
            } else if HookInstaller.isShellScript(existing) {
                var lines = HookInstaller.lines(existing)
                let insertAt = lines.first?.hasPrefix("#!") == true ? 1 : 0
                lines.insert(contentsOf: HookInstaller.blockLines(executable: executable, chained: false), at: insertAt)
                try write(HookInstaller.joined(lines), to: hookPath)
                action = .added
            } else {
                guard !manager.fileExists(atPath: chainedPath) else {
                    throw HookInstallError("\(chainedPath) exists already; cannot move the current \(hookName) hook aside",
                                           path: chainedPath, hints: ["look at both files, merge them by hand, then run `convo hook install` again"])
                }
                do {
                    try manager.moveItem(atPath: hookPath, toPath: chainedPath)
                } catch {
                    throw HookInstallError("cannot move \(hookPath) to \(chainedPath): \(error.localizedDescription)", path: hookPath)
                }
                try write(HookInstaller.joined(["#!/bin/sh"] + HookInstaller.blockLines(executable: executable, chained: true)), to: hookPath)
                action = .chained
            }
        } else {
            try write(HookInstaller.joined(["#!/bin/sh"] + HookInstaller.blockLines(executable: executable, chained: false)), to: hookPath)
            action = .created
        }
        try makeExecutable(hookPath)
        return action
    }

    public func uninstall() throws(HookInstallError) -> UninstallAction {
        guard let existing = try read(hookPath), let range = HookInstaller.blockRange(in: existing) else { return .notInstalled }
        var lines = HookInstaller.lines(existing)
        lines.removeSubrange(range)
        let leftover = lines.filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("#!")
        }
        let manager = FileManager.default
        if leftover.isEmpty {
            do {
                try manager.removeItem(atPath: hookPath)
                if manager.fileExists(atPath: chainedPath) {
                    try manager.moveItem(atPath: chainedPath, toPath: hookPath)
                    return .restoredChained
                }
            } catch {
                throw HookInstallError("cannot remove \(hookPath): \(error.localizedDescription)", path: hookPath)
            }
            return .deletedFile
        }
        try write(HookInstaller.joined(lines), to: hookPath)
        return .removedBlock
    }

    // MARK: The block

    /// The block's lines, markers included.
    static func blockLines(executable: String?, chained: Bool) -> [String] {
        var lines = [
            startMarker,
            "# Added by `convo hook install`; `convo hook uninstall` removes this block and nothing else.",
            "# It refuses a push whose commits change governed prompt sections without naming an intent",
            "# that touches them, then hands git's ref list on unchanged to the rest of this hook.",
        ]
        if let executable {
            lines.append("convo_bin=" + shellQuoted(executable))
            lines.append("[ -x \"$convo_bin\" ] || convo_bin=convo")
        } else {
            lines.append("convo_bin=convo")
        }
        lines += [
            "if ! command -v \"$convo_bin\" >/dev/null 2>&1; then",
            "    echo \"convo pre-push hook: cannot find convo ($convo_bin); install it, or remove the hook with 'convo hook uninstall'\" >&2",
            "    exit 1",
            "fi",
            "convo_refs=$(mktemp \"${TMPDIR:-/tmp}/convo-pre-push.XXXXXX\") || exit 1",
            "cat > \"$convo_refs\"",
            "\"$convo_bin\" hook pre-push \"$@\" < \"$convo_refs\" || { convo_status=$?; rm -f \"$convo_refs\"; exit \"$convo_status\"; }",
            "exec < \"$convo_refs\"",
            "rm -f \"$convo_refs\"",
        ]
        if chained {
            lines.append("exec \"$(dirname -- \"$0\")/pre-push.convo-chained\" \"$@\"")
        }
        lines.append(endMarker)
        return lines
    }

    /// The lines from the start marker to the end marker, inclusive.
    static func blockRange(in text: String) -> ClosedRange<Int>? {
        let lines = lines(text)
        guard let start = lines.firstIndex(of: startMarker),
              let end = lines[start...].firstIndex(of: endMarker) else { return nil }
        return start...end
    }

    /// Whether a hook is a shell script the block can go into: a `#!` naming sh, bash, dash, zsh,
    /// ksh or ash (directly or through `env`), or no `#!` line at all (git runs those with sh).
    static func isShellScript(_ text: String) -> Bool {
        guard let first = lines(text).first, first.hasPrefix("#!") else { return true }
        let words = first.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard var interpreter = words.first.map({ $0.split(separator: "/").last.map(String.init) ?? $0 }) else { return false }
        if interpreter == "env" {
            interpreter = words.dropFirst().first { !$0.hasPrefix("-") } ?? ""
        }
        return ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"].contains(interpreter)
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    static func joined(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    // MARK: Files

    private func read(_ path: String) throws(HookInstallError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HookInstallError("cannot read \(path)", path: path)
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Replaces the file atomically, keeping its permission bits (an atomic write makes a new
    /// file, and git ignores a hook that is not executable).
    private func write(_ text: String, to path: String) throws(HookInstallError) {
        do {
            let permissions = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions]
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            if let permissions { try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path) }
        } catch {
            throw HookInstallError("cannot write \(path): \(error.localizedDescription)", path: path)
        }
    }

    /// Adds the execute bits for everyone who may read the file (`chmod a+x` limited by read access).
    private func makeExecutable(_ path: String) throws(HookInstallError) {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value ?? 0o644
            let readable = mode & 0o444
            try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode | (readable >> 2))], ofItemAtPath: path)
        } catch {
            throw HookInstallError("cannot make \(path) executable: \(error.localizedDescription)", path: path,
                                   hints: ["run `chmod +x \(path)`"])
        }
    }
}

/// A hook file or directory convo cannot read, write or move.
public struct HookInstallError: UserFacingError {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]

    public init(_ message: String, path: String, hints: [String] = []) {
        self.location = SourceLocation(file: path)
        self.message = message
        self.hints = hints
    }
}

import ArgumentParser
import ConvoBase
import ConvoGit
import ConvoHooks
import Foundation

extension Convo {
    struct Hook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install, remove or run the pre-push hook that keeps prompt changes tied to intents.",
            discussion: """
                The hook refuses a push when a pushed commit changes a governed section and (a) has \
                no `Intent:` trailer, (b) names an intent that does not exist at that commit, or \
                (c) names intents none of whose touches (at that commit) covers the section; or \
                when an intent file in the push does not validate or holds personal data.

                Example:
                  convo hook install
                  git push            # runs `convo hook pre-push origin URL`
                """,
            subcommands: [Install.self, Uninstall.self, PrePush.self]
        )
    }
}

extension Convo.Hook {
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add convo's check to the repository's pre-push hook.",
            discussion: """
                Installs where git runs hooks from: core.hooksPath when set (with a warning, since \
                tools such as husky own that directory), else .git/hooks. A missing hook is created; \
                an existing shell hook gets a marked block after its #! line (the block replays \
                git's ref list, so the rest of the hook still reads it); a hook in another \
                language is kept as pre-push.convo-chained and run after the check. The block calls \
                this convo binary by its absolute path, and `convo` on PATH if that file is gone. \
                Running it again only refreshes the block.

                Example:
                  convo hook install
                """
        )

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            for line in try HookCommands.install(repository: repository) { print(line) }
        }
    }

    struct Uninstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove convo's block from the pre-push hook, and nothing else.",
            discussion: """
                Deletes the hook file only when the block was all it held; a hook convo chained \
                to is put back in place.

                Example:
                  convo hook uninstall
                """
        )

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            let (installer, _) = try HookInstaller.forRepository(repository, executable: nil)
            let path = displayPath(installer.hookPath, root: context.workspace.root)
            switch try installer.uninstall() {
            case .removedBlock: print("removed convo's block from \(path); the rest of the hook stays")
            case .deletedFile: print("removed \(path) (it held only convo's block)")
            case .restoredChained: print("removed convo's hook and put the original hook back at \(path)")
            case .notInstalled: print("convo's block is not in \(path); nothing to remove")
            }
        }
    }

    struct PrePush: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pre-push",
            abstract: "Check a push (git's pre-push protocol on stdin); exit 1 refuses it.",
            discussion: """
                git runs this from the installed hook with the remote's name and URL, and one line \
                per pushed ref on stdin: `<local ref> <local sha> <remote ref> <remote sha>`. New \
                branches are checked against everything on that remote, deletions are skipped, and \
                a remote sha this clone never fetched falls back to the same. With nothing on \
                stdin, the pre-commit framework's PRE_COMMIT_FROM_REF/TO_REF/REMOTE_NAME/\
                LOCAL_BRANCH variables describe the push (see .pre-commit-hooks.yaml). Each \
                refusal names the commit, file, section, rule and fix, on stderr. \
                `git push --no-verify` skips the check.

                Example:
                  z=0000000000000000000000000000000000000000
                  echo "refs/heads/x $(git rev-parse x) refs/heads/x $z" \\
                      | convo hook pre-push origin git@github.com:acme/prompts.git
                """
        )

        @Argument(help: "The remote's name (or URL when pushing to a URL).")
        var remote: String?

        @Argument(help: "The remote's URL.")
        var url: String?

        func run() async throws {
            let input = readStandardInputUnlessTerminal()
            let report: GovernanceReport
            do {
                let context = try CommandContext.current()
                let repository = try context.repository()
                report = try GovernanceRun.prePush(remote: remote, input: input, environment: ProcessInfo.processInfo.environment,
                                                   repository: repository, config: context.config, redactor: try context.redactor())
            } catch {
                let status = ErrorRenderer.render(error)
                printError("hint: the push is refused because convo could not check it; `git push --no-verify` skips the check")
                throw ExitCode(status == 0 ? 1 : status)
            }
            try HookCommands.finish(report)
        }
    }
}

/// What the hook commands, `convo init` and `convo check` share.
enum HookCommands {
    /// Installs the hook and returns the lines to print.
    static func install(repository: Repository) throws -> [String] {
        let (installer, warnings) = try HookInstaller.forRepository(repository, executable: runningExecutablePath())
        let path = displayPath(installer.hookPath, root: URL(fileURLWithPath: repository.workTree ?? repository.gitDirectory))
        var lines = warnings.map { "warning: \($0)" }
        switch try installer.install() {
        case .created: lines.append("installed the pre-push hook: created \(path)")
        case .added: lines.append("installed the pre-push hook: added convo's block to the existing \(path), which still runs after it")
        case .chained:
            lines.append("installed the pre-push hook: moved the existing hook to \(displayPath(installer.chainedPath, root: URL(fileURLWithPath: repository.workTree ?? ""))) "
                         + "and wrote \(path), which runs it after convo's check")
        case .updated: lines.append("updated convo's block in \(path)")
        case .unchanged: lines.append("the pre-push hook is installed already (\(path))")
        }
        return lines
    }

    /// Prints a report's findings on stderr and fails when there are any.
    static func finish(_ report: GovernanceReport) throws {
        let color = Terminal.current.stderrColor
        for finding in report.findings { printError(ErrorRenderer.styled(finding.diagnostic, color: color)) }
        printError(report.summary)
        if !report.passed { throw ExitCode(ExitStatus.finding.rawValue) }
    }
}

/// A path relative to the work-tree root when it is inside it.
func displayPath(_ path: String, root: URL) -> String {
    let base = root.standardizedFileURL.path
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}

import ArgumentParser
import ConvoBase
import ConvoGit
import ConvoHooks
import ConvoPropose
import Foundation

extension Convo {
    struct PR: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pr",
            abstract: "Write the pull request description for a proposal; push it and open the pull request.",
            discussion: """
                Renders Markdown for branch convo/INTENT: the pattern, counts by plan and stage, \
                the impact factors, each changed section before and after, and the motivating \
                conversations (with their redacted first user turns when the store has them). \
                It goes to stdout, or to --body-file; with --open, stdout gets the new pull \
                request's URL instead.

                --push pushes the branch with the `git` CLI, so credential helpers and hooks \
                (convo's pre-push check included) run as for any push. --open creates the pull \
                request through the GitHub REST API: the token comes from the variable \
                github.token_env names (GITHUB_TOKEN), owner/repo from the remote's URL, the base \
                from the remote's default branch (or --base); GitHub Enterprise needs \
                github.api_url (https://HOST/api/v3).

                Example:
                  convo pr webhook-not-firing --body-file pr.md
                  convo pr webhook-not-firing --push --open
                """
        )

        @Argument(help: "The intent whose proposal branch to describe.", completion: CompletionSources.intentIDs)
        var intent: String

        @Option(name: .customLong("body-file"), help: "Write the description to this file instead of stdout.", completion: .file())
        var bodyFile: String?

        @Flag(help: "Push the branch to the remote with `git push` first.")
        var push = false

        @Flag(help: "Create the pull request on GitHub.")
        var open = false

        @Flag(help: "With --open: create it as a draft pull request.")
        var draft = false

        @Option(help: "The remote to push to and read owner/repo from.")
        var remote = "origin"

        @Option(help: "The branch to merge into (default: the remote's default branch).")
        var base: String?

        func run() async throws {
            let context = try CommandContext.current()
            let repository = try context.repository()
            let redactor = try context.redactor()
            let workIntent = try? context.intents.intent(id: intent)
            let branch = workIntent?.change?.branch ?? Proposer.branchName(for: intent)
            guard let tip = try repository.referenceTarget("refs/heads/" + branch) else {
                throw ConvoError("there is no branch \(branch)", hints: ["make the proposal first: `convo propose \(intent)`"])
            }
            var baseCommit = try repository.commit(tip).parents.first
            if let mainLine = try DefaultBranch.mainLine(in: repository, remote: remote),
               let mainTip = try repository.referenceTarget(mainLine), mainTip != tip,
               let mergeBase = try repository.mergeBase(tip, mainTip) {
                baseCommit = mergeBase
            }
            let renderer = PullRequestBody(repository: repository, config: context.config, redactor: redactor)
            let content = try renderer.content(intentID: intent, branch: branch, tip: tip, base: baseCommit,
                                               lookup: try context.conversationLookup())
            let body = renderer.render(content)
            if let bodyFile {
                do {
                    try Data(body.utf8).write(to: URL(fileURLWithPath: bodyFile), options: .atomic)
                } catch {
                    throw ConvoError("cannot write \(bodyFile): \(error.localizedDescription)", at: SourceLocation(file: bodyFile))
                }
                printError("wrote the description of \(branch) to \(bodyFile)")
            } else if !open {
                print(body, terminator: "")
            }
            if push { try pushBranch(branch, root: context.workspace.root) }
            if open { try await openPullRequest(repository: repository, context: context, branch: branch, title: content.title, body: body) }
        }

        private func pushBranch(_ branch: String, root: URL) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "push", "--set-upstream", remote, "refs/heads/\(branch):refs/heads/\(branch)"]
            process.currentDirectoryURL = root
            // stdout would mix git's chatter into a description printed there; git writes its progress to stderr.
            process.standardOutput = FileHandle.standardError
            do {
                try process.run()
            } catch {
                throw ConvoError("cannot run git: \(error.localizedDescription)", hints: ["install git and make sure it is on PATH"])
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw ConvoError("`git push \(remote) \(branch)` failed (exit \(process.terminationStatus))",
                                 hints: ["read git's message above; a refusal by convo's pre-push hook says what to fix"])
            }
        }

        private func openPullRequest(repository: Repository, context: CommandContext, branch: String, title: String,
                                     body: String) async throws {
            let github = context.config.github
            guard let token = ProcessInfo.processInfo.environment[github.tokenEnv], !token.isEmpty else {
                throw ConvoError.usage("--open needs a GitHub token in \(github.tokenEnv)",
                                       hints: ["export \(github.tokenEnv)=… (a token allowed to write pull requests), "
                                               + "or name another variable in github.token_env"])
            }
            // The URL as configured: libgit2 applies `url.*.insteadOf` rewrites, which can hide the GitHub address.
            guard let url = try repository.configString("remote.\(remote).url") ?? repository.remoteURL(remote) else {
                throw ConvoError.usage("there is no remote '\(remote)'", hints: ["pass --remote NAME; `git remote -v` lists them"])
            }
            guard let target = GitHubRepository(remoteURL: url) else {
                throw ConvoError.usage("cannot tell the GitHub owner/repo from \(remote)'s URL '\(url)'",
                                       hints: ["the URL must look like https://github.com/OWNER/REPO.git or git@github.com:OWNER/REPO.git"])
            }
            if target.host != "github.com" && github.apiURL == GitHubSettings().apiURL {
                throw ConvoError.usage("\(remote) is on \(target.host), not github.com, and github.api_url is not set",
                                       hints: ["set github.api_url in .convo/config.yaml to https://\(target.host)/api/v3 (GitHub Enterprise)"])
            }
            var baseBranch = base
            if baseBranch == nil, let head = try repository.remoteDefaultBranch(remote) {
                baseBranch = DefaultBranch.branchName(of: head, remote: remote)
            }
            guard let baseBranch else {
                throw ConvoError.usage("cannot tell \(remote)'s default branch (no refs/remotes/\(remote)/HEAD)",
                                       hints: ["pass --base main, or run `git remote set-head \(remote) --auto`"])
            }
            let client = GitHubClient(apiURL: github.apiURL, token: token)
            let created = try await client.createPullRequest(
                PullRequestRequest(title: title, head: branch, base: baseBranch, body: body, draft: draft),
                in: target, userAgent: "convo/\(ConvoVersion.current)")
            print("opened pull request #\(created.number): \(created.url)")
        }
    }
}

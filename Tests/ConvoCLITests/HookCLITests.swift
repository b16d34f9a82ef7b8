import ConvoBase
import ConvoTestSupport
import Foundation
import Testing

/// Real `git push`es to a local bare remote through the installed hook.
@Suite("convo hook: pushes through the installed pre-push hook")
struct HookPushTests {
    let edited = webhooksLine + " First confirm webhooks are enabled in Settings > Integrations."

    @Test func aPromptChangeWithoutAnIntentTrailerIsRefusedThenAcceptedOnceNamed() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("Tell the agent to check webhooks are enabled")
        let sha = try repo.git(["rev-parse", "--short=7", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)

        let refused = try repo.push()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("prompts/support.md:"), "\(refused)")
        #expect(refused.stderr.contains("commit \(sha) \"Tell the agent to check webhooks are enabled\""), "\(refused)")
        #expect(refused.stderr.contains("changes prompts/support.md#webhooks but has no `Intent:` trailer [intent-required]"))
        #expect(refused.stderr.contains("hint: name the intent behind it: `git commit --amend`"))
        #expect(refused.stderr.contains("intents that touch it: webhook-not-firing"))
        #expect(try remoteMain(repo) != (try localHead(repo)), "nothing may be pushed")

        try repo.git(["commit", "-q", "--amend", "-m", "Tell the agent to check webhooks are enabled\n\nIntent: webhook-not-firing"])
        let accepted = try repo.push()
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.stderr.contains("every change names an intent that touches it"))
        #expect(try remoteMain(repo) == (try localHead(repo)))
    }

    @Test func anIntentThatDoesNotExistIsRefusedThenAcceptedOnceCorrected() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("Check webhooks are enabled\n\nIntent: webhook-not-firng")
        let refused = try repo.push()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("error: intents/webhook-not-firng.intent: commit"), "\(refused)")
        #expect(refused.stderr.contains("names intent 'webhook-not-firng', which does not exist at that commit [unknown-intent]"))
        #expect(refused.stderr.contains("did you mean `Intent: webhook-not-firing`?"))

        try repo.git(["commit", "-q", "--amend", "-m", "Check webhooks are enabled\n\nIntent: webhook-not-firing"])
        #expect(try repo.push().status == 0)
    }

    @Test func aSectionOutsideTheIntentsTouchesIsRefusedThenAcceptedOnceLinkedInTheSameCommit() throws {
        let repo = try GovernedRepository()
        try repo.replace("# Escalation\n", with: "# Escalation\n\nOffer a call before escalating.\n", in: "prompts/support.md")
        try repo.commitAll("Offer a call before escalating\n\nIntent: webhook-not-firing")
        let refused = try repo.push()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("changes prompts/support.md#escalation, but intent 'webhook-not-firing' does not touch it [section-not-touched]"),
                "\(refused)")
        #expect(refused.stderr.contains("`convo intent link webhook-not-firing prompts/support.md#escalation`"))

        // Linking in a later commit is not enough: the rule reads touches at the commit itself.
        let link = try repo.convo(["intent", "link", "webhook-not-firing", "prompts/support.md#escalation"])
        #expect(link.status == 0, "\(link)")
        try repo.git(["add", "intents/webhook-not-firing.intent"])
        try repo.git(["commit", "-q", "--amend", "--no-edit"])
        let accepted = try repo.push()
        #expect(accepted.status == 0, "\(accepted)")
    }

    @Test func anIntentFileWithAnEmailAddressIsRefusedThenAcceptedOnceRedacted() throws {
        let repo = try GovernedRepository()
        try repo.replace("    - webhook never triggers after I set it up\n",
                         with: "    - webhook never triggers after I set it up\n    - ping me at jane.doe@example.com when it fires\n",
                         in: "intents/webhook-not-firing.intent")
        try repo.commitAll("Add an exemplar")
        let refused = try repo.push()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("intents/webhook-not-firing.intent:16: commit"), "\(refused)")
        #expect(refused.stderr.contains("holds personal data (email) that would be pushed [personal-data]"))
        #expect(refused.stderr.contains("replace it with <email>"))

        try repo.replace("jane.doe@example.com", with: "<email>", in: "intents/webhook-not-firing.intent")
        try repo.git(["commit", "-q", "-a", "--amend", "--no-edit"])
        let accepted = try repo.push()
        #expect(accepted.status == 0, "\(accepted)")
    }

    @Test func anIntentFileThatDoesNotValidateIsRefused() throws {
        let repo = try GovernedRepository()
        try repo.replace("kind: setup-friction ", with: "kind: setup-frictoin ", in: "intents/webhook-not-firing.intent")
        try repo.replace("  - prompts/support.md#webhooks\n", with: "  - prompts/support.md#webhoks\n", in: "intents/webhook-not-firing.intent")
        try repo.commitAll("Edit the intent")
        let refused = try repo.push()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("intents/webhook-not-firing.intent:3:"), "\(refused)")
        #expect(refused.stderr.contains("no section 'prompts/support.md#webhoks'"), "\(refused)")
        #expect(refused.stderr.contains("[invalid-intent-file]"))
    }

    @Test func aNewBranchAndADeletionArePushed() throws {
        let repo = try GovernedRepository()
        try repo.git(["checkout", "-q", "-b", "feature"])
        // A branch holding only commits the remote has: nothing to check.
        let same = try repo.push(["origin", "feature"])
        #expect(same.status == 0, "\(same)")
        #expect(same.stderr.contains("checked 0 commits"), "\(same)")

        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("Check webhooks are enabled\n\nIntent: webhook-not-firing")
        try repo.git(["checkout", "-q", "-b", "second"])
        try repo.replace("# Escalation\n", with: "# Escalation\n\nBe brief.\n", in: "prompts/support.md")
        try repo.commitAll("Be brief when escalating")
        // The new branch's own commits are checked: the second one has no trailer.
        let refused = try repo.push(["origin", "second"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("checked 2 commits"), "\(refused)")
        #expect(refused.stderr.contains("prompts/support.md#escalation but has no `Intent:` trailer"))

        let feature = try repo.push(["origin", "feature"])
        #expect(feature.status == 0, "\(feature)")
        let deletion = try repo.push(["origin", "--delete", "feature"])
        #expect(deletion.status == 0, "\(deletion)")
        #expect(try GitCLI.result(["rev-parse", "--verify", "-q", "refs/heads/feature"], in: repo.remote).status != 0)
    }

    @Test func severalRefsInOnePushAreAllChecked() throws {
        let repo = try GovernedRepository()
        try repo.git(["checkout", "-q", "-b", "good"])
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("Good\n\nIntent: webhook-not-firing")
        try repo.git(["checkout", "-q", "-b", "bad", "main"])
        try repo.replace("# Rate limits\n", with: "# Rate limits\n\nMention Retry-After.\n", in: "prompts/support.md")
        try repo.commitAll("Bad\n\nIntent: webhook-not-firing")
        let refused = try repo.push(["origin", "good", "bad"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("checked 2 commits"), "\(refused)")
        #expect(refused.stderr.contains("\"Bad\": changes prompts/support.md#rate-limits"))
        #expect(!refused.stderr.contains("\"Good\":"))
        #expect(try GitCLI.result(["rev-parse", "--verify", "-q", "refs/heads/good"], in: repo.remote).status != 0,
                "a refused push sends no ref at all")
    }

    @Test func aForcePushChecksOnlyTheRewrittenCommitsAndAMergeIsNotChargedForWhatItMerges() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("First\n\nIntent: webhook-not-firing")
        #expect(try repo.push().status == 0)

        try repo.replace("# Rate limits\n", with: "# Rate limits\n\nMention Retry-After.\n", in: "prompts/support.md")
        try repo.git(["commit", "-q", "-a", "--amend", "-m", "First, rewritten"])
        let refused = try repo.push(["--force", "origin", "HEAD"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("checked 1 commit"), "\(refused)")
        #expect(refused.stderr.contains("\"First, rewritten\": changes prompts/support.md#rate-limits"))
        try repo.git(["reset", "-q", "--hard", "origin/main"])

        // Two valid branches merged with a merge commit: the merge changes nothing of its own.
        try repo.git(["checkout", "-q", "-b", "side"])
        try repo.replace("# Rate limits\n", with: "# Rate limits\n\nMention Retry-After.\n", in: "prompts/support.md")
        try repo.commitAll("Side\n\nIntent: rate-limit-429")
        try repo.git(["checkout", "-q", "main"])
        try repo.replace("# Escalation\n", with: "# Escalation\n\nBe brief.\n", in: "prompts/support.md")
        try repo.commitAll("Main\n\nIntent: webhook-not-firing")
        try repo.link("webhook-not-firing", "prompts/support.md#escalation", amend: true)
        try repo.git(["merge", "-q", "--no-ff", "--no-edit", "side"])
        let merged = try repo.push()
        #expect(merged.status == 0, "\(merged)")
        #expect(merged.stderr.contains("checked 3 commits (2 governed section changes)"), "\(merged)")
    }

    @Test func aRemoteTipThisCloneNeverFetchedFallsBackToTheRemoteTrackingBranches() throws {
        let repo = try GovernedRepository()
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("No trailer")
        let head = try localHead(repo)
        let unknown = String(repeating: "ab", count: 20)
        let result = try repo.convo(["hook", "pre-push", "origin", repo.remote.path],
                                    stdin: "refs/heads/main \(head) refs/heads/main \(unknown)\n")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("checked 1 commit"), "\(result)")
        #expect(result.stderr.contains("[intent-required]"))
    }

    @Test func underPreCommitTheRefsComeFromItsVariables() throws {
        let repo = try GovernedRepository()
        let base = try localHead(repo)
        try repo.replace(webhooksLine, with: edited, in: "prompts/support.md")
        try repo.commitAll("No trailer")
        let head = try localHead(repo)
        let result = try repo.convo(["hook", "pre-push"], stdin: "", environment: [
            "PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head, "PRE_COMMIT_REMOTE_NAME": "origin",
            "PRE_COMMIT_REMOTE_URL": repo.remote.path, "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main",
            "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main",
        ])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\"No trailer\": changes prompts/support.md#webhooks"))
        // The whole-tree case: pre-commit sets no FROM/TO refs, only the branches.
        let whole = try repo.convo(["hook", "pre-push"], stdin: "", environment: [
            "PRE_COMMIT_REMOTE_NAME": "origin", "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main",
        ])
        #expect(whole.status == 1, "\(whole)")
        #expect(whole.stderr.contains("checked 1 commit"), "\(whole)")
        // And with nothing at all (git calls the hook when everything is up to date): a pass.
        #expect(try repo.convo(["hook", "pre-push", "origin", repo.remote.path], stdin: "").status == 0)
    }

    @Test func aNewRepositorysFirstPushNeedsNoIntentForCreatingItsPrompts() throws {
        let scratch = try ScratchDirectory(prefix: "convo-first-push")
        let work = scratch.file("work")
        try GitCLI.run(["init", "-q", "--bare", scratch.file("remote.git").path], in: scratch.url)
        try GitCLI.initRepository(at: work, files: ["prompts/a.md": "# A\n\ntext\n"])
        #expect(try ConvoBinary.run(["init"], in: work, home: scratch.url).status == 0)
        try GitCLI.run(["add", "-A"], in: work)
        try GitCLI.run(["commit", "-q", "-m", "Set up convo"], in: work)
        try GitCLI.run(["remote", "add", "origin", scratch.file("remote.git").path], in: work)
        let first = try GitCLI.result(["push", "origin", "main"], in: work)
        #expect(first.status == 0, "\(first)")
        #expect(first.stderr.contains("checked 2 commits (0 governed section changes)"), "\(first)")
        try Data("# A\n\nchanged\n".utf8).write(to: work.appendingPathComponent("prompts/a.md"))
        try GitCLI.run(["commit", "-q", "-am", "Change A"], in: work)
        #expect(try GitCLI.result(["push", "origin", "main"], in: work).status != 0, "later changes need an intent")
    }

    @Test func malformedInputRefusesThePushWithTheLine() throws {
        let repo = try GovernedRepository()
        let result = try repo.convo(["hook", "pre-push", "origin", "x"], stdin: "refs/heads/main abc refs/heads/main def\n")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("line 1 of the pre-push input"), "\(result)")
        #expect(result.stderr.contains("`git push --no-verify` skips the check"))
    }

    private func remoteMain(_ repo: GovernedRepository) throws -> String {
        try GitCLI.run(["rev-parse", "main"], in: repo.remote).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func localHead(_ repo: GovernedRepository) throws -> String {
        try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite("convo hook install/uninstall")
struct HookInstallCLITests {
    /// A hook of the team's own that logs its arguments and stdin, then passes.
    static let foreignHook = """
        #!/bin/sh
        echo "foreign hook: $1" >> "$(git rev-parse --git-dir)/foreign.log"
        cat >> "$(git rev-parse --git-dir)/foreign.log"
        exit 0

        """

    @Test func aForeignHookStillRunsAfterInstallAndAfterUninstall() throws {
        let repo = try GovernedRepository(hook: false)
        let hookPath = repo.url.appendingPathComponent(".git/hooks/pre-push")
        try Data(HookInstallCLITests.foreignHook.utf8).write(to: hookPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath.path)

        let install = try repo.convo(["hook", "install"])
        #expect(install.status == 0, "\(install)")
        #expect(install.stdout.contains("added convo's block to the existing .git/hooks/pre-push"), "\(install)")
        let again = try repo.convo(["hook", "install"])
        #expect(again.stdout.contains("installed already"), "\(again)")
        let installed = try String(contentsOf: hookPath, encoding: .utf8)
        #expect(installed.hasPrefix("#!/bin/sh\n# >>> convo pre-push hook >>>\n"))
        #expect(installed.components(separatedBy: "# >>> convo pre-push hook >>>").count == 2, "idempotent")
        #expect(installed.hasSuffix(String(HookInstallCLITests.foreignHook.dropFirst("#!/bin/sh\n".count))))

        // convo refuses a bad push before the foreign hook runs; a good push runs both, and the
        // foreign hook reads the same ref list git sent.
        try repo.replace(webhooksLine, with: webhooksLine + " Check it is enabled.", in: "prompts/support.md")
        try repo.commitAll("Check enabled")
        #expect(try repo.push().status != 0)
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".git/foreign.log").path))
        try repo.git(["commit", "-q", "--amend", "-m", "Check enabled\n\nIntent: webhook-not-firing"])
        let pushed = try repo.push()
        #expect(pushed.status == 0, "\(pushed)")
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let log = try String(contentsOf: repo.url.appendingPathComponent(".git/foreign.log"), encoding: .utf8)
        #expect(log.contains("foreign hook: origin\n"), "\(log)")
        #expect(log.contains("HEAD \(head) refs/heads/main "), "\(log)")

        let uninstall = try repo.convo(["hook", "uninstall"])
        #expect(uninstall.stdout.contains("removed convo's block"), "\(uninstall)")
        #expect(try String(contentsOf: hookPath, encoding: .utf8) == HookInstallCLITests.foreignHook)
        try repo.replace("Check it is enabled.", with: "Check that it is enabled.", in: "prompts/support.md")
        try repo.commitAll("No trailer, and no convo to stop it")
        #expect(try repo.push().status == 0)
        let after = try String(contentsOf: repo.url.appendingPathComponent(".git/foreign.log"), encoding: .utf8)
        #expect(after.components(separatedBy: "foreign hook: origin").count == 3, "\(after)")
    }

    @Test func aHookInAnotherLanguageIsChainedAndRestored() throws {
        let repo = try GovernedRepository(hook: false)
        let hookPath = repo.url.appendingPathComponent(".git/hooks/pre-push")
        let python = """
            #!/usr/bin/env python3
            import subprocess, sys
            git_dir = subprocess.check_output(["git", "rev-parse", "--git-dir"], text=True).strip()
            with open(git_dir + "/python.log", "a") as log:
                log.write("python hook: " + sys.argv[1] + "\\n" + sys.stdin.read())

            """
        try Data(python.utf8).write(to: hookPath)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath.path)
        let install = try repo.convo(["hook", "install"])
        #expect(install.stdout.contains("moved the existing hook to .git/hooks/pre-push.convo-chained"), "\(install)")
        try repo.replace(webhooksLine, with: webhooksLine + " Check it is enabled.", in: "prompts/support.md")
        try repo.commitAll("Check enabled\n\nIntent: webhook-not-firing")
        let pushed = try repo.push()
        #expect(pushed.status == 0, "\(pushed)")
        let log = try String(contentsOf: repo.url.appendingPathComponent(".git/python.log"), encoding: .utf8)
        #expect(log.hasPrefix("python hook: origin\nHEAD "), "\(log)")

        let uninstall = try repo.convo(["hook", "uninstall"])
        #expect(uninstall.stdout.contains("put the original hook back"), "\(uninstall)")
        #expect(try String(contentsOf: hookPath, encoding: .utf8) == python)
        #expect(!FileManager.default.fileExists(atPath: hookPath.path + ".convo-chained"))
    }

    @Test func uninstallDeletesAHookThatHeldOnlyTheBlock() throws {
        let repo = try GovernedRepository()
        let hookPath = repo.url.appendingPathComponent(".git/hooks/pre-push").path
        let attributes = try FileManager.default.attributesOfItem(atPath: hookPath)
        #expect(((attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o111 == 0o111)
        let text = try String(contentsOfFile: hookPath, encoding: .utf8)
        #expect(text.contains("convo_bin='\(ConvoBinary.url.resolvingSymlinksInPath().path)'"), "\(text)")
        let removed = try repo.convo(["hook", "uninstall"])
        #expect(removed.stdout.contains("removed .git/hooks/pre-push (it held only convo's block)"), "\(removed)")
        #expect(!FileManager.default.fileExists(atPath: hookPath))
        let again = try repo.convo(["hook", "uninstall"])
        #expect(again.stdout.contains("nothing to remove"))
    }

    @Test func coreHooksPathIsHonouredWithAWarning() throws {
        let repo = try GovernedRepository(hook: false)
        try repo.git(["config", "core.hooksPath", ".githooks"])
        let install = try repo.convo(["hook", "install"])
        #expect(install.status == 0, "\(install)")
        #expect(install.stdout.contains("warning: core.hooksPath is set to '.githooks'"), "\(install)")
        #expect(install.stdout.contains("created .githooks/pre-push"), "\(install)")
        #expect(!FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".git/hooks/pre-push").path))
        try repo.replace(webhooksLine, with: webhooksLine + " Check it is enabled.", in: "prompts/support.md")
        try repo.commitAll("No trailer")
        #expect(try repo.push().status != 0, "git runs the hook from core.hooksPath")
    }

    @Test func initInstallsTheHookUnlessNoHook() throws {
        let scratch = try ScratchDirectory(prefix: "convo-init-hook")
        let withHook = scratch.file("with")
        try GitCLI.initRepository(at: withHook)
        let result = try ConvoBinary.run(["init"], in: withHook, home: scratch.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("installed the pre-push hook: created .git/hooks/pre-push"), "\(result)")
        #expect(FileManager.default.isExecutableFile(atPath: withHook.appendingPathComponent(".git/hooks/pre-push").path))
        let rerun = try ConvoBinary.run(["init"], in: withHook, home: scratch.url)
        #expect(rerun.stdout.contains("installed already"), "\(rerun)")

        let without = scratch.file("without")
        try GitCLI.initRepository(at: without)
        let skipped = try ConvoBinary.run(["init", "--no-hook"], in: without, home: scratch.url)
        #expect(skipped.status == 0, "\(skipped)")
        #expect(!FileManager.default.fileExists(atPath: without.appendingPathComponent(".git/hooks/pre-push").path))
    }
}

extension GovernedRepository {
    /// `convo intent link`, then the intent file folded into HEAD's commit when `amend`.
    func link(_ intent: String, _ address: String, amend: Bool) throws {
        let result = try convo(["intent", "link", intent, address])
        #expect(result.status == 0, "\(result)")
        if amend {
            try git(["add", "intents/\(intent).intent"])
            try git(["commit", "-q", "--amend", "--no-edit"])
        }
    }
}

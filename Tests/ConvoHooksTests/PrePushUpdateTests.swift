import ConvoBase
import ConvoGit
@testable import ConvoHooks
import Testing

@Suite("pre-push input")
struct PrePushUpdateTests {
    let a = String(repeating: "a", count: 40)
    let b = String(repeating: "b", count: 40)
    let zero = String(repeating: "0", count: 40)

    @Test func readsUpdatesNewRefsAndDeletions() throws {
        let updates = try PrePushUpdate.parse("""
            refs/heads/main \(a) refs/heads/main \(b)
            refs/heads/new \(a) refs/heads/new \(zero)
            (delete) \(zero) refs/heads/old \(b)

            """)
        #expect(updates.count == 3)
        #expect(updates[0] == PrePushUpdate(localRef: "refs/heads/main", localID: try #require(ObjectID(hex: a)),
                                            remoteRef: "refs/heads/main", remoteID: try #require(ObjectID(hex: b))))
        #expect(!updates[0].isNewRef && !updates[0].isDeletion)
        #expect(updates[1].isNewRef && !updates[1].isDeletion)
        #expect(updates[2].isDeletion && updates[2].localRef == "(delete)")
    }

    @Test func splitsFromTheRightSoALocalExpressionMayHoldSpaces() throws {
        let updates = try PrePushUpdate.parse("HEAD~1 with spaces \(a) refs/heads/x \(b)\r\n")
        #expect(updates.first?.localRef == "HEAD~1 with spaces")
        #expect(updates.first?.remoteRef == "refs/heads/x")
    }

    @Test func emptyInputIsNoUpdates() throws {
        #expect(try PrePushUpdate.parse("").isEmpty)
        #expect(try PrePushUpdate.parse("\n  \n").isEmpty)
    }

    @Test(arguments: [
        "refs/heads/main abc refs/heads/main def",
        "refs/heads/main",
        "refs/heads/main \(String(repeating: "a", count: 40)) refs/heads/main",
        "refs/heads/main \(String(repeating: "g", count: 40)) refs/heads/main \(String(repeating: "0", count: 40))",
        "\(String(repeating: "a", count: 40)) refs/heads/main \(String(repeating: "0", count: 40))",
    ])
    func malformedLinesAreUsageErrorsNamingTheLine(_ line: String) {
        #expect {
            try PrePushUpdate.parse("refs/heads/ok \(a) refs/heads/ok \(b)\n" + line + "\n")
        } throws: { error in
            guard let error = error as? ConvoError else { return false }
            return error.exitStatus == .usage && error.message.hasPrefix("line 2 of the pre-push input")
        }
    }

    @Test func preCommitVariablesAreReadOnlyWhenPresent() {
        #expect(PreCommitPush(environment: [:]) == nil)
        #expect(PreCommitPush(environment: ["PRE_COMMIT_FROM_REF": a]) == nil, "a from-ref alone says nothing is pushed")
        let push = PreCommitPush(environment: ["PRE_COMMIT_FROM_REF": a, "PRE_COMMIT_TO_REF": b, "PRE_COMMIT_REMOTE_NAME": "upstream",
                                               "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/x", "PRE_COMMIT_REMOTE_BRANCH": ""])
        #expect(push?.toRef == b)
        #expect(push?.remoteName == "upstream")
        #expect(push?.remoteBranch == nil, "empty variables count as unset")
    }

    @Test func pathspecsAreTheGlobsLiteralDirectoriesAndIntents() {
        #expect(SectionHistory.pathspecs(for: ["prompts/**"]) == ["intents", "prompts"])
        #expect(SectionHistory.pathspecs(for: ["prompts/wandb/*.yaml", "config/harness.yaml"])
                == ["config/harness.yaml", "intents", "prompts/wandb"])
        #expect(SectionHistory.pathspecs(for: ["**/*.md"]).isEmpty, "a glob from the root needs the whole tree")
        #expect(SectionHistory.isIntentFile("intents/a.intent"))
        #expect(!SectionHistory.isIntentFile("intents/sub/a.intent"))
        #expect(!SectionHistory.isIntentFile("prompts/a.intent"))
    }
}

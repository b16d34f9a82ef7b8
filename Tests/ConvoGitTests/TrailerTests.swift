import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

/// Messages whose trailers git and the layer must read the same way.
let trailerMessages: [String] = [
    // Repeated keys, as convo writes them.
    "Fix webhook setup friction\n\nBody text.\n\nIntent: webhook-not-firing\nConversation-Id: c_0a91\nConversation-Id: c_1f2e\n",
    // A folded value, continued with spaces and a tab.
    "Subject\n\nBody\n\nIntent: x\nNote: first part\n  continued here\n\tand a tab\nConversation-Id: c1\n",
    // Whitespace between key and separator.
    "Subject\n\nIntent : spaced\nConversation-Id\t: tabbed\n",
    // Comment lines inside and around the block.
    "Subject\n\nBody\n\n# a comment\nIntent: x\n# another\nConversation-Id: c\n",
    // The 25% rule: one Signed-off-by among three prose lines makes a block.
    "Subject\n\nBody\n\nprose one\nprose two\nprose three\nSigned-off-by: Ada <ada@example.com>\n",
    // …but not among four.
    "Subject\n\nBody\n\nprose one\nprose two\nprose three\nprose four\nSigned-off-by: Ada <ada@example.com>\n",
    // Without a recognised prefix, one prose line spoils the block.
    "Subject\n\nBody\n\nprose line\nIntent: x\n",
    // Trailers before a `---` divider count; what follows does not.
    "Subject\n\nBody\n\nIntent: x\nConversation-Id: c1\n---\n diff --git a/x b/x\nFoo: bar\n",
    // A subject line followed directly by a trailer: no trailers.
    "Subject\nIntent: x\n",
    "Just a subject\n",
    // No space after the colon.
    "Subject\n\nIntent:nospace\n",
    // Keys keep their case; both survive.
    "Subject\n\nconvo-id: a\nCONVO-ID: b\n",
    // Trailing blank lines.
    "Subject\n\nBody\n\nIntent: x\n\n\n",
    // git's other generated prefix.
    "Subject\n\nBody\n\nprose\nmore prose\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
    // Colons inside the value.
    "Subject\n\nLink: https://example.com/a:b?c=d\nFixes: 0123456789ab (\"Title: with colon\")\n",
    // Trailers not in the last paragraph.
    "Subject\n\nIntent: x\n\nFinal prose paragraph.\n",
    // A whitespace-only separator line.
    "Subject\n\nBody\n \t\nIntent: x\n",
    // A key with spaces is prose.
    "Subject\n\nNot a key: value\n",
    // A folded Signed-off-by amid prose.
    "Subject\n\nBody\n\nSigned-off-by: Ada\n  Lovelace <ada@example.com>\nsome prose\nReviewed-by: Grace <g@example.com>\n",
    // Empty value.
    "Subject\n\nBody\n\nAcked-by:\nIntent: y\n",
    // CRLF line ends, with a folded value.
    "Subject\r\n\r\nBody\r\n\r\nIntent: x\r\nNote: a\r\n  b\r\n",
    // A scissors line ends the message.
    "Subject\n\nBody\n\nIntent: x\n# ------------------------ >8 ------------------------\nFoo: bar\n",
    // An old-style Conflicts list after the trailers.
    "Subject\n\nBody\n\nIntent: x\n\nConflicts:\n\tfile.txt\n",
    // Multi-paragraph body, trailer block with a continuation line that starts a new trailer after it.
    "Subject\n\nPara one.\n\nPara two\nstill two.\n\nCo-authored-by: A <a@example.com>\n  (folded)\nCo-authored-by: B <b@example.com>\n",
]

/// `text` with whitespace-only lines at the end removed and one final newline.
func withoutTrailingBlankLines(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
}

@Suite struct TrailerTests {
    func gitParse(_ message: String, in scratch: ScratchDirectory) throws -> [String] {
        try GitCLI.run(["interpret-trailers", "--parse"], in: scratch.url, stdin: message)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test func parsesTrailersExactlyAsGitDoes() throws {
        let scratch = try ScratchDirectory(prefix: "convo-trailers")
        #expect(trailerMessages.count >= 15)
        var nonEmpty = 0
        for message in trailerMessages {
            let ours = Trailers.parse(message)
            #expect(ours.map(\.description) == (try gitParse(message, in: scratch)), "\(message.debugDescription)")
            if !ours.isEmpty { nonEmpty += 1 }
        }
        // Both outcomes are exercised, so agreement on "no trailers" alone cannot pass this test.
        #expect(nonEmpty >= 10)
        #expect(trailerMessages.count - nonEmpty >= 5)
    }

    @Test func unfoldsAndKeepsRepeatedKeys() throws {
        let parsed = Trailers.parse(trailerMessages[1])
        #expect(parsed == [Trailer("Intent", "x"), Trailer("Note", "first part continued here and a tab"),
                           Trailer("Conversation-Id", "c1")])
        let repeated = Trailers.parse(trailerMessages[0])
        #expect(Trailers.values(of: "conversation-id", in: repeated) == ["c_0a91", "c_1f2e"])
        #expect(Trailers.parse("Subject\nIntent: x\n").isEmpty)
        #expect(Trailers.parse("").isEmpty)
        #expect(Trailers.parse("Subject\n\nBody\n\nAcked-by:\nIntent: y\n") == [Trailer("Acked-by", ""), Trailer("Intent", "y")])
    }

    static let bases = [
        "Fix webhook setup friction\n\nThe agent skipped a step.\n",
        "Subject only\n",
        "",
        "Subject\n\nBody\n\nSigned-off-by: Ada <ada@example.com>\n",
        "Subject\n\nBody\n\nIntent: existing\n\n\n",
        "Subject\n\nBody\n\nprose\nprose\nprose\nSigned-off-by: Ada <ada@example.com>\n",
        "Subject\n\nBody\n\nprose line\nIntent: x\n",
        "Subject\n\nBody text\n---\nnotes after the divider\n",
        "Subject\n\nBody\n\n# a trailing comment\n",
        "Subject\nIntent: not-a-trailer\n",
        "Subject\n\nBody\n\nNote: folded\n  value\n",
    ]

    @Test(arguments: bases)
    func appendsTrailersAsGitInterpretTrailersDoes(base: String) throws {
        let scratch = try ScratchDirectory(prefix: "convo-trailers")
        let trailers = [Trailer("Intent", "webhook-not-firing"), Trailer("Conversation-Id", "c_0a91"),
                        Trailer("Conversation-Id", "c_1f2e")]
        let ours = try Trailers.appending(trailers, to: base)
        let git = try GitCLI.run(["interpret-trailers", "--if-exists", "add"]
                                 + trailers.flatMap { ["--trailer", $0.description] }, in: scratch.url, stdin: base)
        // git keeps trailing blank lines after the block; the layer ends with one newline.
        #expect(ours == withoutTrailingBlankLines(git))
        let parsed = Trailers.parse(ours)
        #expect(Array(parsed.suffix(3)) == trailers)
    }

    @Test func skipsDuplicatesLikeAddIfDifferent() throws {
        let scratch = try ScratchDirectory(prefix: "convo-trailers")
        let base = "Subject\n\nBody\n\nIntent: x\nConversation-Id: c1\n"
        let trailers = [Trailer("intent", "x"), Trailer("Conversation-Id", "c2"), Trailer("Conversation-Id", "c1"),
                        Trailer("Conversation-Id", "c2")]
        let ours = try Trailers.appending(trailers, to: base, skippingDuplicates: true)
        let git = try GitCLI.run(["interpret-trailers", "--if-exists", "addIfDifferent"]
                                 + trailers.flatMap { ["--trailer", $0.description] }, in: scratch.url, stdin: base)
        #expect(ours == git)
        #expect(ours == "Subject\n\nBody\n\nIntent: x\nConversation-Id: c1\nConversation-Id: c2\n")
    }

    /// git itself writes `Subject\nKey: v` for an unterminated one-line message, which it then
    /// does not read as a trailer; the layer treats the message as terminated.
    @Test func treatsAnUnterminatedMessageAsTerminated() throws {
        let trailers = [Trailer("Intent", "x")]
        #expect(try Trailers.appending(trailers, to: "Subject only") == "Subject only\n\nIntent: x\n")
        #expect(try Trailers.appending(trailers, to: "Subject\n\nBody") == (try Trailers.appending(trailers, to: "Subject\n\nBody\n")))
        #expect(Trailers.parse(try Trailers.appending(trailers, to: "Subject only")) == trailers)
        #expect(try Trailers.appending([], to: "Subject\n\n\n") == "Subject\n")
    }

    @Test func keepsValuesOnOneLineAndRefusesBadKeys() throws {
        let text = try Trailers.appending([Trailer("Note", "two\nlines  ")], to: "Subject\n")
        #expect(text == "Subject\n\nNote: two lines\n")
        for key in ["", "Has space", "Colon:", "Ünïcode"] {
            #expect {
                try Trailers.appending([Trailer(key, "v")], to: "Subject\n")
            } throws: { ($0 as? GitError)?.kind == .invalidInput }
        }
    }

    @Test func theLayersCommitsCarryTrailersGitReads() throws {
        let scratch = try ScratchRepository(files: ["prompts/support.md": "1\n"])
        let repository = try scratch.open()
        let head = try scratch.headID()
        let message = try Trailers.appending(
            [Trailer("Intent", "webhook-not-firing")] + ["c_0a91", "c_1f2e", "c_8f2a"].map { Trailer("Conversation-Id", $0) },
            to: "Fix webhook setup friction (61 conversations, trial churn)\n\nThe agent gave endpoint debugging steps.\n")
        let commit = try repository.createCommit(tree: try repository.treeID(of: head), parents: [head],
                                                 author: testSignature(), committer: testSignature(), message: message)
        #expect(try scratch.gitLines("log", "-1", "--format=%(trailers:key=Conversation-Id,valueonly)", commit.hex)
                == ["c_0a91", "c_1f2e", "c_8f2a"])
        let info = try repository.commit(commit)
        #expect(info.trailers.map(\.description)
                == (try GitCLI.run(["interpret-trailers", "--parse"], in: scratch.url, stdin: info.message))
                    .split(separator: "\n").map(String.init))
    }
}

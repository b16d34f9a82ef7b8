import ConvoBase
import ConvoTestSupport
import Foundation
@testable import ConvoPropose
import Testing

@Suite("UnifiedPatch")
struct UnifiedPatchTests {
    static let original = (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n"

    /// A patch made by git itself, from the original to an edited version.
    func gitPatch(old: String, new: String, path: String = "prompts/a.md") throws -> String {
        let scratch = try ScratchDirectory(prefix: "convo-patch")
        try GitCLI.initRepository(at: scratch.url, files: [path: old])
        try scratch.write(path, new)
        return try GitCLI.run(["diff"], in: scratch.url)
    }

    func apply(_ patch: String, to old: String?) throws -> String? {
        let parsed = try UnifiedPatch.parse(patch, name: "fix.diff")
        return try #require(parsed.files.first).apply(to: old, patchName: "fix.diff")
    }

    @Test func appliesGitsPatchesExactly() throws {
        var lines = UnifiedPatchTests.original.split(separator: "\n").map(String.init)
        lines[2] = "line 3, edited"
        lines.insert("inserted after 20", at: 20)
        lines.remove(at: 27)
        let edited = lines.joined(separator: "\n") + "\n"
        let patch = try gitPatch(old: UnifiedPatchTests.original, new: edited)
        #expect(try UnifiedPatch.parse(patch, name: "fix.diff").files.first?.hunks.count == 2)
        #expect(try apply(patch, to: UnifiedPatchTests.original) == edited)
    }

    @Test func findsAHunkWhoseContextMovedAndKeepsLaterHunksInStep() throws {
        var lines = UnifiedPatchTests.original.split(separator: "\n").map(String.init)
        lines[9] = "line 10, edited"
        lines[24] = "line 25, edited"
        let patch = try gitPatch(old: UnifiedPatchTests.original, new: lines.joined(separator: "\n") + "\n")
        // HEAD has two more lines at the top than the patch was made against.
        let shifted = "new 1\nnew 2\n" + UnifiedPatchTests.original
        let result = try #require(try apply(patch, to: shifted))
        #expect(result == "new 1\nnew 2\n" + lines.joined(separator: "\n") + "\n")
    }

    @Test func createsDeletesAndHandlesAMissingFinalNewline() throws {
        let creation = "--- /dev/null\n+++ b/prompts/new.md\n@@ -0,0 +1,2 @@\n+# New\n+text\n"
        #expect(try apply(creation, to: nil) == "# New\ntext\n")
        let deletion = "--- a/prompts/a.md\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-# Old\n-text\n"
        #expect(try apply(deletion, to: "# Old\ntext\n") == nil)
        let noNewline = try gitPatch(old: "a\nb\n", new: "a\nb changed")
        #expect(noNewline.contains("\\ No newline at end of file"))
        #expect(try apply(noNewline, to: "a\nb\n") == "a\nb changed")
        let addNewline = try gitPatch(old: "a\nb", new: "a\nb\nc\n")
        #expect(try apply(addNewline, to: "a\nb") == "a\nb\nc\n")
    }

    @Test func keepsCRLFLineEndings() throws {
        let patch = "--- a/prompts/a.md\n+++ b/prompts/a.md\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n"
        #expect(try apply(patch, to: "a\r\nb\r\n") == "a\r\nB\r\n")
    }

    @Test func aHunkThatDoesNotMatchNamesTheLineThatDiffers() throws {
        let patch = "--- a/prompts/a.md\n+++ b/prompts/a.md\n@@ -2,3 +2,3 @@\n line 2\n-line 3\n+line three\n line 4\n"
        #expect {
            try apply(patch, to: UnifiedPatchTests.original.replacingOccurrences(of: "line 3\n", with: "line III\n"))
        } throws: { error in
            guard let error = error as? PatchError else { return false }
            return error.location == SourceLocation(file: "fix.diff", line: 3)
                && error.message == "hunk '@@ -2,3 +2,3 @@' does not apply to prompts/a.md as it is in HEAD: "
                    + "line 3 of prompts/a.md is 'line III' where the patch expects 'line 3'"
                && error.exitStatus == .usage
        }
        #expect(throws: PatchError.self) { try apply("--- /dev/null\n+++ b/prompts/a.md\n@@ -0,0 +1 @@\n+x\n", to: "exists\n") }
        #expect(throws: PatchError.self) { try apply(patch, to: nil) }
    }

    @Test(arguments: [
        ("no headers at all\n", "holds no file changes"),
        ("--- a/x.md\nnot a plus line\n", "'--- ' is not followed by a '+++ ' line"),
        ("--- a/x.md\n+++ b/x.md\n@@ -1,x +1 @@\n", "malformed hunk header '@@ -1,x +1 @@'"),
        ("--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n a\n", "ends early: expected 3 old and 3 new lines"),
        ("--- /dev/null\n+++ /dev/null\n", "both sides of the file header are /dev/null"),
    ])
    func malformedPatchesAreRejectedWithTheLine(_ patch: String, _ message: String) {
        #expect {
            try UnifiedPatch.parse(patch, name: "p.diff")
        } throws: { error in
            (error as? PatchError)?.message.contains(message) == true
        }
    }

    @Test func readsPathsFromHeadersWithPrefixesTimestampsAndQuotes() throws {
        let patch = try UnifiedPatch.parse("""
            diff --git a/prompts/a.md b/prompts/a.md
            --- a/prompts/a.md\t2026-11-20 10:00:00
            +++ "b/prompts/a.md"
            @@ -1 +1 @@
            -x
            +y
            --- ./prompts/b.md
            +++ ./prompts/b.md
            @@ -1 +1 @@
            -x
            +y
            """, name: "p.diff")
        #expect(patch.files.map(\.path) == ["prompts/a.md", "prompts/b.md"])
        #expect(patch.files.map(\.line) == [2, 7])
    }
}

@Suite("LineDiff")
struct LineDiffTests {
    @Test func alignsUnchangedLinesAndPutsRemovalsFirst() {
        let diff = LineDiff.lines(old: ["a", "b", "c", "d"], new: ["a", "x", "c", "d", "e"])
        #expect(diff == [.same("a"), .removed("b"), .added("x"), .same("c"), .same("d"), .added("e")])
        #expect(LineDiff.render(diff) == " a\n-b\n+x\n c\n d\n+e")
        #expect(LineDiff.lines(old: [], new: ["a"]) == [.added("a")])
        #expect(LineDiff.lines(old: ["a"], new: []) == [.removed("a")])
    }

    @Test func unifiedOutputMatchesGitsHunks() throws {
        let old = (1...40).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var lines = old.split(separator: "\n").map(String.init)
        lines[4] = "line 5 changed"
        lines.insert("new after 30", at: 30)
        let new = lines.joined(separator: "\n") + "\n"
        let scratch = try ScratchDirectory(prefix: "convo-linediff")
        try GitCLI.initRepository(at: scratch.url, files: ["a.md": old])
        try scratch.write("a.md", new)
        let git = try GitCLI.run(["diff", "--no-color"], in: scratch.url)
        let ours = LineDiff.unified(path: "a.md", old: old, new: new)
        // From the first `---` line on, the two agree, but for the function context git adds after `@@`.
        let gitHunks = git[try #require(git.range(of: "--- a/a.md")).lowerBound...].split(separator: "\n").map { line in
            line.hasPrefix("@@ ") ? "@@ " + line.dropFirst(3).prefix { $0 != "@" } + "@@" : String(line)
        }
        #expect(ours == gitHunks.joined(separator: "\n") + "\n")
        #expect(LineDiff.unified(path: "a.md", old: old, new: old).isEmpty)
        #expect(LineDiff.unified(path: "a.md", old: old, new: new, color: true).contains("\u{1B}[31m-line 5\u{1B}[0m"))
    }
}

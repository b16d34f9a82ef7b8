import ConvoGit
import Foundation
import Testing

@Suite struct WalkTests {
    /// main: m1 - m2 - m3 - M(merge of side) - m5;  side: s1 - s2 (from m2).
    func history() throws -> ScratchRepository {
        let scratch = try ScratchRepository(files: ["base.txt": "0\n"])
        var time = 1_700_000_000
        func next() -> String { time += 60; return "@\(time) +0000" }
        try scratch.commit(["m.txt": "1\n"], message: "m1", date: next())
        try scratch.commit(["m.txt": "2\n"], message: "m2", date: next())
        try scratch.git("checkout", "-q", "-b", "side")
        try scratch.commit(["s.txt": "1\n"], message: "s1", date: next())
        try scratch.commit(["s.txt": "2\n"], message: "s2", date: next())
        try scratch.git("checkout", "-q", "main")
        try scratch.commit(["m.txt": "3\n"], message: "m3", date: next())
        try scratch.git("merge", "-q", "--no-ff", "-m", "merge side", "side",
                        environment: ["GIT_AUTHOR_DATE": next(), "GIT_COMMITTER_DATE": "@\(time) +0000"])
        try scratch.commit(["m.txt": "5\n"], message: "m5", date: next())
        return scratch
    }

    func ids(_ lines: [String]) -> [ObjectID] { lines.compactMap { ObjectID(hex: $0) } }

    @Test func walksLikeRevList() throws {
        let scratch = try history()
        let repository = try scratch.open()
        let main = try scratch.id("main"), side = try scratch.id("side"), m2 = try scratch.id("main~3")
        #expect(try repository.commits(in: CommitRange(include: [main]))
                == ids(try scratch.gitLines("rev-list", "--topo-order", "main")))
        #expect(try repository.commits(in: CommitRange(include: [main]), order: [.topological, .reverse])
                == ids(try scratch.gitLines("rev-list", "--topo-order", "--reverse", "main")))
        #expect(try repository.commits(in: CommitRange(include: [main]), order: [.topological, .time])
                == ids(try scratch.gitLines("rev-list", "--date-order", "main")))
        #expect(try repository.commits(in: CommitRange(include: [main], exclude: [m2]))
                == ids(try scratch.gitLines("rev-list", "--topo-order", "main", "^\(m2.hex)")))
        #expect(try repository.commits(in: CommitRange(include: [main], exclude: [side]), firstParentOnly: true)
                == ids(try scratch.gitLines("rev-list", "--first-parent", "main", "^side")))
        #expect(try repository.commits(in: CommitRange(include: [main]), limit: 2).count == 2)
    }

    @Test func hidesEverythingAlreadyOnARemote() throws {
        let scratch = try history()
        try scratch.git("update-ref", "refs/remotes/origin/main", try scratch.id("main~1").hex)
        try scratch.git("update-ref", "refs/remotes/origin/side", try scratch.id("side").hex)
        try scratch.git("update-ref", "refs/remotes/other/main", try scratch.id("main").hex)
        let repository = try scratch.open()
        let walked = try repository.commits(in: CommitRange(include: [try scratch.id("main")],
                                                            excludeGlobs: ["refs/remotes/origin/*"]))
        #expect(walked == ids(try scratch.gitLines("rev-list", "--topo-order", "main", "--not", "--remotes=origin")))
        #expect(walked.count == 1)
    }

    @Test func parsesRevisionRanges() throws {
        let scratch = try history()
        let repository = try scratch.open()
        for spec in ["side..main", "main..side", "main~4..main", "side...main", "main"] {
            let range = try repository.revisionRange(spec)
            #expect(Set(try repository.commits(in: range)) == Set(ids(try scratch.gitLines("rev-list", spec))), "\(spec)")
        }
        #expect {
            try repository.revisionRange("nope..main")
        } throws: { ($0 as? GitError)?.operation == "read revision range 'nope..main'" }
    }

    @Test func knowsWhatTheObjectDatabaseHolds() throws {
        let scratch = try history()
        let repository = try scratch.open()
        let unknown = try #require(ObjectID(hex: "1234567890123456789012345678901234567890"))
        #expect(try repository.odbContains(try scratch.id("main")))
        #expect(try repository.odbContains(try scratch.id("main^{tree}")))
        #expect(try !repository.odbContains(unknown))
        #expect(try !repository.odbContains(.zero))
        // Hiding an unknown commit fails; callers check odbContains first.
        #expect {
            try repository.commits(in: CommitRange(include: [try scratch.id("main")], exclude: [unknown]))
        } throws: { ($0 as? GitError)?.operation == "walk commits: leave out 1234567" }
    }

    @Test func findsMergeBasesAndAncestry() throws {
        let scratch = try history()
        let repository = try scratch.open()
        let main = try scratch.id("main"), side = try scratch.id("side"), m3 = try scratch.id("main~2")
        #expect(try repository.mergeBase(m3, side)?.hex == (try scratch.gitLine("merge-base", m3.hex, side.hex)))
        #expect(try repository.mergeBases(m3, side) == [try scratch.id("main~3")])
        #expect(try repository.isDescendant(main, of: side))
        #expect(try !repository.isDescendant(side, of: main))
        #expect(try !repository.isDescendant(main, of: main))

        try scratch.git("checkout", "-q", "--orphan", "unrelated")
        let orphan = try scratch.commit(["o.txt": "o\n"], message: "orphan")
        #expect(try repository.mergeBase(orphan, main) == nil)
        #expect(try !repository.isDescendant(orphan, of: main))
    }
}

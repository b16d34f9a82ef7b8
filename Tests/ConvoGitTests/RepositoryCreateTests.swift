import ConvoGit
import ConvoTestSupport
import Foundation
import Testing

@Suite struct RepositoryCreateTests {
    @Test func createsAnEmptyRepositoryGitRecognises() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("nested/new-repo").path
        let repository = try Repository.create(at: path, initialBranch: "trunk")
        #expect(try repository.head() == .unborn(reference: "refs/heads/trunk"))
        #expect(repository.workTree == URL(fileURLWithPath: path).standardizedFileURL.path)
        let status = try GitCLI.run(["status", "--porcelain", "--branch"], in: URL(fileURLWithPath: path))
        #expect(status.contains("No commits yet on trunk"))
        #expect(try GitCLI.run(["fsck", "--strict"], in: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func refusesToReinitialiseAnExistingRepository() throws {
        let scratch = try ScratchDirectory()
        try GitCLI.initRepository(at: scratch.url, files: ["a.txt": "a\n"])
        #expect(throws: GitError.self) { try Repository.create(at: scratch.path) }
        #expect(try GitCLI.run(["rev-list", "--count", "HEAD"], in: scratch.url).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }
}

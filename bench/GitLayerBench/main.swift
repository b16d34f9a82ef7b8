// Measures the git layer on a large repository, next to the `git` CLI doing the same work in
// the same run. Run through bench/git_layer.sh, which builds the repository.
import ConvoGit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: GitLayerBench REPOSITORY [COMMITS] [ROUNDS]\n".utf8))
    exit(2)
}
let repositoryPath = arguments[1]
let count = arguments.count > 2 ? Int(arguments[2]) ?? 1000 : 1000
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5

/// The median wall time of `rounds` runs of `body`, in milliseconds.
func measure(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[times.count / 2]
}

func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryPath)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
}

func report(_ label: String, _ milliseconds: Double, baseline: Double? = nil) {
    var line = label.padding(toLength: 58, withPad: " ", startingAt: 0) + String(format: "%9.1f ms", milliseconds)
    if let baseline { line += String(format: "   (git CLI %7.1f ms)", baseline) }
    print(line)
}

do {
    let repository = try Repository.discover(from: repositoryPath)
    let tip = try repository.resolveCommit("HEAD")
    let base = try repository.resolveCommit("HEAD~\(count)")
    let range = CommitRange(include: [tip], exclude: [base])
    let total = try repository.commits(in: CommitRange(include: [tip])).count
    print("repository: \(total) commits; range HEAD~\(count)..HEAD; median of \(rounds) runs")

    var walked = 0
    let walk = try measure { walked = try repository.commits(in: range).count }
    let walkGit = try measure { try shell("git rev-list HEAD~\(count)..HEAD") }
    report("walk \(walked) commits", walk, baseline: walkGit)

    var changed = 0
    let diff = try measure {
        changed = 0
        for id in try repository.commits(in: range) {
            let info = try repository.commit(id)
            _ = info.trailers
            changed += try repository.changes(in: info, paths: ["prompts/"]).count
        }
    }
    let diffGit = try measure {
        try shell("git rev-list HEAD~\(count)..HEAD | git diff-tree --stdin -r --name-status -- prompts/")
    }
    report("walk + read + trailers + diff (\(changed) changed paths)", diff, baseline: diffGit)

    let blobs = try measure {
        for id in try repository.commits(in: range) {
            for change in try repository.changes(in: id, paths: ["prompts/"]) {
                if let new = change.newID { _ = try repository.blob(new) }
                if let old = change.oldID { _ = try repository.blob(old) }
            }
        }
    }
    let blobsGit = try measure {
        try shell("git log -p --format=%H HEAD~\(count)..HEAD -- prompts/")
    }
    report("walk + diff + read both blob versions", blobs, baseline: blobsGit)

    let signature = Signature(name: "Bench", email: "bench@example.com", time: GitTime(secondsSinceEpoch: 1_800_000_000))
    var serial = 0
    let propose = try measure {
        serial += 1
        let tree = try repository.buildTree(from: tip, applying: [
            .write(path: "prompts/p1.md", contents: Data("proposed \(serial)\n".utf8)),
        ])
        let message = try Trailers.appending([Trailer("Intent", "bench")], to: "Bench proposal \(serial)\n")
        let commit = try repository.createCommit(tree: tree, parents: [tip], author: signature, committer: signature,
                                                 message: message)
        try repository.createBranch("bench/proposal-\(serial)", at: commit, reflogMessage: "bench")
        _ = try repository.isDirty(paths: ["prompts/p1.md"])
    }
    report("propose-style: tree + commit + branch + dirty check", propose)
    for index in 1...serial { try repository.deleteBranch("bench/proposal-\(index)") }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

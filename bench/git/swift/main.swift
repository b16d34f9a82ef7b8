// The governance benchmark: the pre-push check over a push of 1,000 commits that each touch a
// governed file, and `convo propose`, in a 10,000-commit repository (bench/git/run builds it).
// Each figure is the median of ROUNDS runs, next to a git CLI baseline measured in the same run.
import ConvoBase
import ConvoGit
import ConvoHooks
import ConvoPropose
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: convo-git-bench REPOSITORY CONVO_BINARY [ROUNDS]\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let convo = URL(fileURLWithPath: arguments[2])
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5

/// Median wall time of `rounds` runs of `body` in milliseconds; `prepare` runs untimed before each.
func measure(prepare: () throws -> Void = {}, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<rounds {
        try prepare()
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[times.count / 2]
}

@discardableResult
func run(_ executable: String, _ args: [String], stdin: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = args
    process.currentDirectoryURL = root
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_AUTHOR_DATE"] = "@1800000000 +0000"
    environment["GIT_COMMITTER_DATE"] = "@1800000000 +0000"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

func shell(_ command: String) throws {
    let result = try run("/bin/sh", ["-c", command])
    guard result.status == 0 else { throw BenchError("`\(command)` failed: \(result.output)") }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func report(_ label: String, _ milliseconds: Double, baseline: (String, Double)? = nil, target: Double? = nil) {
    var line = label.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", milliseconds)
    if let target { line += String(format: "  (target < %.0f ms: %@)", target, milliseconds < target ? "met" : "MISSED") }
    if let (name, value) = baseline { line += String(format: "   [%@ %.1f ms]", name, value) }
    print(line)
}

do {
    let repository = try Repository.discover(from: root.path)
    let config = try Workspace(root: root).loadConfig()
    let redactor = try Redactor(settings: config.redaction)
    let tip = try repository.resolveCommit("refs/heads/main")
    guard let remoteTip = try repository.referenceTarget("refs/remotes/origin/main") else { throw BenchError("no origin/main") }
    let total = try repository.commits(in: CommitRange(include: [tip])).count
    let update = "refs/heads/main \(tip.hex) refs/heads/main \(remoteTip.hex)\n"
    let newBranch = "refs/heads/main \(tip.hex) refs/heads/feature \(ObjectID.zero.hex)\n"
    print("repository: \(total) commits; push: origin/main..main; median of \(rounds) runs")

    var checked = 0
    let hookInProcess = try measure {
        let report = try GovernanceRun.prePush(remote: "origin", input: update, environment: [:], repository: repository,
                                               config: config, redactor: redactor)
        guard report.passed else { throw BenchError("the check found problems: \(report.summary)") }
        checked = report.commitsChecked
    }
    let gitWalkDiff = try measure { try shell("git rev-list origin/main..main | git diff-tree --stdin -r --name-only -- prompts >/dev/null") }
    report("pre-push check, \(checked) commits, in process", hookInProcess, baseline: ("git rev-list | diff-tree", gitWalkDiff))

    let hookCLI = try measure {
        let result = try run(convo.path, ["hook", "pre-push", "origin", "/remote.git"], stdin: update)
        guard result.status == 0 else { throw BenchError("convo hook pre-push failed: \(result.output)") }
    }
    report("convo hook pre-push (process, update)", hookCLI, baseline: ("git rev-list | diff-tree", gitWalkDiff), target: 1000)

    let hookNewBranch = try measure {
        let result = try run(convo.path, ["hook", "pre-push", "origin", "/remote.git"], stdin: newBranch)
        guard result.status == 0 else { throw BenchError("convo hook pre-push failed: \(result.output)") }
    }
    report("convo hook pre-push (process, new branch)", hookNewBranch, target: 1000)

    // blame: the commits that changed one section, over the whole history (200 of them touch the file).
    let blameCLI = try measure {
        let result = try run(convo.path, ["blame", "prompts/p0.md#section-0"])
        guard result.status == 0 else { throw BenchError("convo blame failed: \(result.output)") }
    }
    let gitBlame = try measure { try shell("git blame prompts/p0.md >/dev/null") }
    report("convo blame prompts/p0.md#section-0 (process)", blameCLI, baseline: ("git blame prompts/p0.md", gitBlame))

    // propose: edit one section of a governed file, then commit it as convo/intent-3.
    let edit = "sed -i 's/^Guidance 2 of prompt 3, .*/Guidance 2 of prompt 3, proposed./' prompts/p3.md"
    let reset = "git checkout -q -f main && (git branch -q -D convo/intent-3 2>/dev/null || true) && " + edit
    let proposeCLI = try measure(prepare: { try shell(reset) }) {
        let result = try run(convo.path, ["propose", "intent-3"])
        guard result.status == 0 else { throw BenchError("convo propose failed: \(result.output)") }
    }
    let gitCommit = try measure(prepare: { try shell("git checkout -q -f main && (git branch -q -D bench-baseline 2>/dev/null || true) && " + edit) }) {
        try shell("git checkout -q -b bench-baseline && git commit -q -am 'baseline' --no-verify")
    }
    report("convo propose (process)", proposeCLI, baseline: ("git checkout -b + commit -a", gitCommit), target: 200)

    let proposeInProcess = try measure(prepare: { try shell(reset) }) {
        let fresh = try Repository.discover(from: root.path)
        let proposer = Proposer(repository: fresh, workspace: Workspace(root: root), config: config, redactor: redactor)
        _ = try proposer.propose(ProposeOptions(intent: "intent-3"))
    }
    report("propose, in process", proposeInProcess)
    try shell("git checkout -q -f main && (git branch -q -D convo/intent-3 bench-baseline 2>/dev/null || true)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

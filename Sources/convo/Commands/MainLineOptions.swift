import ArgumentParser
import ConvoGit
import ConvoHooks

/// `--branch` and `--remote`, for the commands that ask what has reached the main line
/// (`convo watch`, `convo report`).
struct MainLineOptions: ParsableArguments {
    @Option(help: "The main line to judge \"merged\" by (default: the remote's default branch, else main/master).")
    var branch: String?

    @Option(help: "The remote whose default branch is the main line.")
    var remote = "origin"

    /// `--branch`, else the remote's default branch, else the local main/master; nil when none exists.
    func reference(in repository: Repository) throws -> String? {
        try branch ?? DefaultBranch.mainLine(in: repository, remote: remote)
    }
}

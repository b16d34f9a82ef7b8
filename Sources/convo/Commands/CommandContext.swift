import ConvoBase
import Foundation

/// What most commands start from: the repository they run in and its config.
struct CommandContext {
    let workspace: Workspace
    let config: ConvoConfig

    /// Finds the repository above the current directory and loads its config.
    static func current() throws -> CommandContext {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let workspace = Workspace.find(from: cwd) else {
            throw ConvoError.usage("not inside a git repository (\(cwd.path))",
                                   hints: ["run this inside your repository, or create one with `git init` and then `convo init`"])
        }
        return CommandContext(workspace: workspace, config: try workspace.loadConfig())
    }
}

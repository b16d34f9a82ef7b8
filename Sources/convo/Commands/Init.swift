import ArgumentParser
import ConvoBase
import ConvoGit
import Foundation

extension Convo {
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up convo in the current git repository.",
            discussion: """
                Creates .convo/config.yaml (every setting at its default, each with a comment), \
                .convo/.gitignore (keeps the conversation store, caches and rejected records out \
                of git), and the prompts/ and intents/ directories. Only what is missing is \
                created: an existing file is never overwritten, so running it again is safe. It \
                also installs the pre-push hook (`convo hook install`) unless --no-hook.

                Example:
                  git init && convo init && git add .convo prompts intents
                """
        )

        @Flag(name: .customLong("no-hook"), help: "Do not install the pre-push hook.")
        var noHook = false

        func run() async throws {
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            guard let workspace = Workspace.find(from: cwd) else {
                throw ConvoError.usage("not inside a git repository (\(cwd.path))",
                                       hints: ["run `git init` first, or cd into your repository, then `convo init`"])
            }
            let steps = try workspace.initialize()
            let color = Terminal.current.stdoutColor
            let width = steps.map(\.path.count).max() ?? 0
            for step in steps {
                let label = step.outcome == .created
                    ? Style.green.apply("created", enabled: color)
                    : Style.dim.apply("exists ", enabled: color)
                let path = step.path.padding(toLength: width, withPad: " ", startingAt: 0)
                print("\(label)  \(path)  \(step.outcome == .created ? step.purpose : "left as it is")")
            }

            if steps.contains(where: { $0.path == ConvoConfig.relativePath && $0.outcome == .existed }) {
                do {
                    _ = try workspace.loadConfig()
                } catch {
                    ErrorRenderer.report(Diagnostic(.warning, at: error.location, error.message, hints: error.hints))
                }
            }

            if !noHook {
                do {
                    for line in try HookCommands.install(repository: try Repository.discover(from: workspace.root.path)) {
                        print(line)
                    }
                } catch {
                    let problem = (error as? any UserFacingError).map { Diagnostic(error: $0) } ?? Diagnostic(.error, "\(error)")
                    ErrorRenderer.report(Diagnostic(.warning, at: problem.location, "the pre-push hook is not installed: \(problem.message)",
                                                    hints: problem.hints + ["install it later with `convo hook install`"]))
                }
            }

            if steps.allSatisfy({ $0.outcome == .existed }) {
                print("convo was already set up here; nothing changed")
            } else {
                print("next: commit .convo/config.yaml, .convo/.gitignore, prompts/ and intents/, then capture conversations with `convo ingest FILE`")
            }
        }
    }
}

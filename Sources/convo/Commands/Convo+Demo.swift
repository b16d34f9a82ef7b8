import ArgumentParser
import ConvoBase
import ConvoDemo
import ConvoGit
import Foundation

extension Convo {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole loop on the worked example, in a scratch repository.",
            discussion: """
                Copies the worked example (a developer-tool support agent's prompts, configs and \
                intents) into a new git repository and runs every step there with the embedded \
                defaults: no server, no network, no API key. Capture simulates a week of traffic \
                and ingests it; cluster finds the intents; rank orders them; translate applies a \
                prepared edit to the top intent's section; propose commits it on a branch with the \
                conversation ids in trailers; watch simulates the following week with the fix in \
                effect and judges whether the intent's volume dropped. Each step prints the command \
                you would type yourself. Running it twice gives the same results.

                Example:
                  convo demo --dir /tmp/convo-demo
                  cd /tmp/convo-demo && convo rank --top 5
                """
        )

        @Option(help: ArgumentHelp("Where to create the demo repository; it must not exist or be empty (default: a new temporary directory).",
                                   valueName: "DIR"),
                completion: .directory)
        var dir: String?

        @Option(help: "Conversations to simulate per week.")
        var conversations = 3200

        func validate() throws {
            guard conversations >= 200 && conversations <= 200_000 else {
                throw ValidationError("--conversations must be between 200 and 200000 (a week of a mid-size agent is about 3200)")
            }
        }

        func run() async throws {
            let started = ContinuousClock.now
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let root = try DemoRepository.location(dir, currentDirectory: cwd)
            var tour = DemoTour(root: root, terminal: .current)
            try await tour.run(conversationsPerWeek: conversations)
            let elapsed = started.duration(to: .now)
            tour.finish(elapsed: elapsed)
        }
    }
}

import Foundation

/// Runs the built `convo` executable the way a user would, with a hermetic environment.
public enum ConvoBinary {
    /// The `convo` binary next to the test bundle (`swift test` builds it), or `$CONVO_BIN`.
    public static var url: URL {
        if let override = ProcessInfo.processInfo.environment["CONVO_BIN"] { return URL(fileURLWithPath: override) }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("convo"),
            Bundle.main.bundleURL.appendingPathComponent("convo"),
            ProjectPaths.root.appendingPathComponent(".build/debug/convo"),
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        // Walk up from the test bundle to the build products directory.
        var url = Bundle.main.bundleURL
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("convo")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return candidates[0]
    }

    /// A clean environment: no colour, a scratch HOME, fixed git identity, no system git config.
    public static func environment(home: URL, extra: [String: String] = [:]) -> [String: String] {
        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": home.path,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Test Author",
            "GIT_AUTHOR_EMAIL": "author@example.com",
            "GIT_COMMITTER_NAME": "Test Committer",
            "GIT_COMMITTER_EMAIL": "committer@example.com",
            "TZ": "UTC",
        ]
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs `convo ARGS` in `directory`.
    @discardableResult
    public static func run(_ arguments: [String], in directory: URL, home: URL? = nil,
                           environment extra: [String: String] = [:], stdin: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(url, arguments, in: directory,
                              environment: environment(home: home ?? directory, extra: extra),
                              stdin: stdin.map { Data($0.utf8) })
    }
}

import ConvoBase
import ConvoModel
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// The real capture clients from PyPI (scripts/requirements-test.txt), run from
/// `Tests/ConvoServerTests/Clients`. `scripts/test` sets CONVO_REQUIRE_PYTHON_CLIENTS=1, so in
/// CI a missing environment fails these tests; a developer without `.venv` sees them skipped
/// with the reason.
enum PythonClients {
    static var required: Bool { ProcessInfo.processInfo.environment["CONVO_REQUIRE_PYTHON_CLIENTS"] == "1" }

    /// Whether the client tests should run: the Python is there, or it is required (and its
    /// absence then fails the test instead of skipping it).
    static var enabled: Bool {
        if ProjectPaths.python != nil || required { return true }
        print("skipping the Python client tests: no .venv (run scripts/test, or python3 -m venv .venv && .venv/bin/pip install -r scripts/requirements-test.txt)")
        return false
    }

    static var directory: URL { ProjectPaths.root.appendingPathComponent("Tests/ConvoServerTests/Clients") }

    /// Runs a client script; fails the test with its output when it exits non-zero.
    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> ProcessResult {
        let python = try #require(ProjectPaths.python, "no Python with the capture clients: run scripts/test to create .venv")
        let result = try ProcessRunner.run(python, [directory.appendingPathComponent(script).path] + arguments, in: directory)
        #expect(result.status == 0, "\(script) failed: \(result)")
        return result
    }

    /// Compares the store against the transcript the client wrote: the same conversations
    /// (and no others with the prefix), turns in order with the same role, text, tool name and
    /// arguments, and the same user facts.
    static func verify(store: any ConversationStore, expected file: URL, prefix: String, count: Int) throws {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count)
        let stored = try store.conversations(matching: .all).filter { $0.id.hasPrefix(prefix + "-") }
        #expect(stored.count == count, "store holds \(stored.count) '\(prefix)' conversations, expected \(count)")
        var mismatches = 0
        for line in lines {
            let expected = try JSONParser.parse(String(line))
            let id = try #require(expected["id"]?.stringValue)
            guard let conversation = try store.conversation(id: id) else {
                Issue.record("conversation \(id) is missing from the store")
                mismatches += 1
                continue
            }
            let turns = try #require(expected["turns"]?.arrayValue)
            let actual = conversation.turns.map { turn -> String in
                var parts = ["\(turn.role.rawValue): \(turn.content)"]
                if let name = turn.name { parts.append("name=\(name)") }
                if let arguments = turn.arguments { parts.append("args=\(arguments.jsonText)") }
                return parts.joined(separator: " ")
            }
            let wanted = turns.map { turn -> String in
                var parts = ["\(turn["role"]?.stringValue ?? ""): \(turn["content"]?.stringValue ?? "")"]
                if let name = turn["name"]?.stringValue { parts.append("name=\(name)") }
                if let arguments = turn["arguments"] { parts.append("args=\(arguments.jsonText)") }
                return parts.joined(separator: " ")
            }
            let user = expected["user"]
            let sameUser = conversation.user.id == user?["id"]?.stringValue && conversation.user.plan == user?["plan"]?.stringValue
                && conversation.user.accountAgeDays.map(Int64.init) == user?["account_age_days"]?.intValue
            if actual != wanted || !sameUser {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("\(id) differs.\nstored: \(actual) user \(conversation.user)\nexpected: \(wanted) user \(user?.jsonText ?? "")")
                }
            }
            let answers = conversation.turns.filter { $0.role == .assistant }
            if prefix != "agnost" {
                #expect(answers.allSatisfy { $0.latencyMs != nil && $0.timestamp != nil }, "\(id): assistant turns need latency and time from the chat span")
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(count) conversations differ")
    }
}

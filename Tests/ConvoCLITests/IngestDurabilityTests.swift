import ConvoBase
import ConvoModel
import ConvoStore
import ConvoTestSupport
import Foundation
import Testing

/// `convo ingest` killed with SIGKILL mid-file, then run again: the store holds exactly the file's
/// conversations, each once, with the right turns.
@Suite struct IngestDurabilityTests {
    static let count = 30_000

    static func conversation(_ index: Int) -> String {
        let turns = (0..<(2 + index % 5)).map { t in
            #"{"role": "\#(t % 2 == 0 ? "user" : "assistant")", "content": "conversation \#(index) turn \#(t)"}"#
        }
        return #"{"id": "k\#(index)", "started_at": "2026-11-20T10:00:00Z", "turns": [\#(turns.joined(separator: ", "))]}"#
    }

    @Test func killedMidFileThenRerunHoldsEveryConversationOnce() throws {
        let repo = try makeRepository()
        let data = (0..<Self.count).map(Self.conversation).joined(separator: "\n") + "\n"
        try repo.write("big.jsonl", data)

        let process = Process()
        process.executableURL = ConvoBinary.url
        process.arguments = ["ingest", "--batch-size", "200", "big.jsonl"]
        process.currentDirectoryURL = repo.url
        process.environment = ConvoBinary.environment(home: repo.url)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Kill it as soon as some batches are committed, well before the end.
        let storePath = repo.file(".convo/store.sqlite").path
        var committed = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if FileManager.default.fileExists(atPath: storePath), let store = try? SQLiteStore(path: storePath),
               let count = try? store.count(matching: .all) {
                committed = count
                if count >= 1_000 { break }
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "convo finished before it could be killed")
        let afterKill = try SQLiteStore(path: storePath).count(matching: .all)
        #expect(afterKill >= committed && afterKill < Self.count)

        let rerun = try ConvoBinary.run(["ingest", "big.jsonl"], in: repo.url)
        #expect(rerun.status == 0, "\(rerun)")
        #expect(rerun.stdout == "ingested \(Self.count - afterKill), merged 0, unchanged \(afterKill), rejected 0\n")

        let store = try SQLiteStore(path: storePath)
        let stored = try store.conversations(matching: .all)
        #expect(stored.count == Self.count)
        #expect(Set(stored.map(\.id)).count == Self.count)
        var wrong = 0
        for conversation in stored {
            guard let index = Int(conversation.id.dropFirst()) else { wrong += 1; continue }
            let expected = try ConversationJSON.decode(JSONParser.parse(Self.conversation(index)))
            if conversation.turns != expected.turns { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}

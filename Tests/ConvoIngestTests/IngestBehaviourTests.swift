import ConvoBase
import ConvoIngest
import ConvoModel
import ConvoStore
import Foundation
import Testing

@Suite struct IngestBehaviourTests {
    @Test func aConversationSpreadOverFilesIsMergedInOrderOnce() throws {
        let harness = try IngestHarness()
        // Day 2's part first, then day 1's, then day 1's again: time order wins, nothing doubles.
        try harness.write("day2.jsonl", #"{"id": "c", "turns": [{"role": "user", "content": "still broken", "ts": "2026-11-21T09:00:00Z"}, {"role": "assistant", "content": "Let me escalate."}]}"#)
        try harness.write("day1.jsonl", #"{"id": "c", "agent": "support", "turns": [{"role": "user", "content": "webhook broken", "ts": "2026-11-20T09:00:00Z"}, {"role": "assistant", "content": "Check the settings."}]}"#)
        let first = try harness.ingest(["day2.jsonl", "day1.jsonl"])
        #expect(first.merge == MergeSummary(ingested: 1, merged: 1, turnsAdded: 4))
        let again = try harness.ingest(["day1.jsonl", "day2.jsonl"])
        #expect(again.merge == MergeSummary(unchanged: 2))
        let stored = try #require(try harness.conversation("c"))
        #expect(stored.turns.map(\.content) == ["webhook broken", "Check the settings.", "still broken", "Let me escalate."])
        #expect(stored.agent == "support")
        #expect(stored.startedAt == Timestamp(iso8601: "2026-11-20T09:00:00Z"))
    }

    @Test func derivedIDsIgnoreFormattingSoReingestIsANoOp() throws {
        let harness = try IngestHarness()
        try harness.write("compact.jsonl", #"{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}"#)
        try harness.write("spaced.jsonl", "{ \"messages\" : [ {\"content\": \"hi\", \"role\": \"user\"},\r\n {\"role\": \"assistant\", \"content\": \"hello\"} ] }")
        let report = try harness.ingest(["compact.jsonl", "spaced.jsonl"])
        #expect(report.merge == MergeSummary(ingested: 1, unchanged: 1, turnsAdded: 2))
        #expect(try harness.ids.count == 1)
        #expect(try harness.ids.first?.hasPrefix("openai-") == true)
    }

    @Test func theSameRecordsGiveTheSameStoreWithOrWithoutTheReadingThread() throws {
        var lines: [String] = []
        for index in 0..<3_000 {
            lines.append(#"{"id": "c\#(index % 700)", "turns": [{"role": "user", "content": "message \#(index)"}]}"#)
            if index % 97 == 0 { lines.append("not json \(index)") }
        }
        var results: [[Conversation]] = []
        for pipelined in [true, false] {
            let harness = try IngestHarness()
            try harness.write("many.jsonl", lines.joined(separator: "\n"))
            var options = IngestOptions()
            options.pipelined = pipelined
            options.batchSize = 100
            let report = try harness.ingest(["many.jsonl"], options: options)
            #expect(report.rejected == 31)
            #expect(report.merge.ingested == 700 && report.merge.merged == 2_300)
            results.append(try harness.store.conversations(matching: .all))
        }
        #expect(results[0] == results[1])
    }
}

@Suite struct AccountsIngestTests {
    func ingestAccounts(_ harness: IngestHarness, _ paths: [String]) throws -> IngestReport {
        let ingestor = AccountsIngestor(store: harness.store, rejected: harness.rejected) { _ in }
        return try ingestor.ingest(paths: paths.map { harness.scratch.file($0).path })
    }

    @Test func csvWithQuotesAliasesAndABadRow() throws {
        let harness = try IngestHarness()
        try harness.write("billing.csv", #"""
            Account ID,Plan,MRR,Signed Up At,Churned At,Notes
            acme,pro,"1,249.50",2026-01-15,,"big, happy customer"
            globex,trial,0,2026-11-18T09:30:00Z,2026-11-22,"said ""too pricey"""
            initech,pro,lots,2026-02-01,,
            hooli,enterprise,$4000,2025-12-01,,"multi
            line note"
            """#)
        let diagnostics = DiagnosticsCollector()
        let ingestor = AccountsIngestor(store: harness.store, rejected: harness.rejected, report: diagnostics.append)
        let report = try ingestor.ingest(paths: [harness.scratch.file("billing.csv").path])
        #expect(report.merge.ingested == 3 && report.rejected == 1)
        #expect(diagnostics.items.map(\.message) == ["field 'mrr': 'lots' is not an amount (e.g. 49.00)"])
        #expect(diagnostics.items.first?.location?.line == 4)
        #expect(try harness.store.accounts() == [
            Account(id: "acme", plan: "pro", mrr: 1249.5, signupDate: Day(iso8601: "2026-01-15")),
            Account(id: "globex", plan: "trial", mrr: 0, signupDate: Day(iso8601: "2026-11-18"), churnDate: Day(iso8601: "2026-11-22")),
            Account(id: "hooli", plan: "enterprise", mrr: 4000, signupDate: Day(iso8601: "2025-12-01")),
        ])
    }

    @Test func jsonLinesAndAMissingIDColumn() throws {
        let harness = try IngestHarness()
        try harness.write("accounts.jsonl", #"{"account_id": "acme", "plan": "pro", "mrr": 49}"# + "\n" + #"{"plan": "free"}"#)
        let report = try ingestAccounts(harness, ["accounts.jsonl"])
        #expect(report.merge.ingested == 1 && report.rejected == 1)
        try harness.write("noid.csv", "plan,mrr\npro,49\n")
        let bad = try ingestAccounts(harness, ["noid.csv"])
        #expect(bad.unusableInputs == 1)
        #expect(try ingestAccounts(harness, ["accounts.jsonl"]).merge.unchanged == 1)
    }
}

/// Collects what a reporter closure receives.
final class DiagnosticsCollector: @unchecked Sendable {
    private(set) var items: [Diagnostic] = []
    func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
}

/// The server's path: request bodies read in memory with the same readers.
@Suite struct BodyReadingTests {
    @Test func ndjsonObjectAndArrayBodies() throws {
        let ndjson = Ingestor.read(body: Array("\(goodA)\n{\"id\": 5.5, \"turns\": []}\n\(goodZ)\n".utf8), as: ConvoJSONLFormat())
        #expect(ndjson.parts.map(\.conversation.id) == ["a", "z"])
        #expect(ndjson.rejections.map(\.location) == [SourceLocation(file: "request", line: 2)])
        #expect(ndjson.rejections.first?.error.field == "id")
        #expect(ndjson.records == 3 && ndjson.unusable == nil)

        let pretty = "{\n  \"id\": \"p\",\n  \"turns\": [{\"role\": \"user\", \"content\": \"hi\"}]\n}\n"
        #expect(Ingestor.read(body: Array(pretty.utf8), as: ConvoJSONLFormat()).parts.map(\.conversation.id) == ["p"])
        let array = "[\(goodA), \(goodZ)]"
        #expect(Ingestor.read(body: Array(array.utf8), as: ConvoJSONLFormat()).parts.count == 2)
        let zipped = Ingestor.read(body: Deflater.gzip(Array(array.utf8)), as: ConvoJSONLFormat())
        #expect(zipped.parts.count == 2)
    }

    @Test func aBodyOfAnotherFormatIsUnusable() throws {
        let contents = Ingestor.read(body: Array(#"{"messages": [{"role": "user", "content": "hi"}]}"#.utf8), as: ConvoJSONLFormat())
        #expect(contents.parts.isEmpty)
        #expect(contents.unusable?.message.contains("not 'convo' records") == true)
        let agnost = Ingestor.read(body: Array(agnostGood.utf8), as: AgnostPayloadFormat())
        #expect(agnost.parts.first?.partID == "e1")
    }
}

import ConvoBase
import ConvoModel
import ConvoTestSupport
import CSQLite
import Testing
@testable import ConvoStore

/// Runs SQL on a database file directly, the way an older convo left it.
func executeSQL(_ sql: String, at path: String) throws {
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK, let db else { throw ConvoError("cannot open \(path)") }
    defer { sqlite3_close(db) }
    var message: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(db, sql, nil, nil, &message) != SQLITE_OK {
        let text = message.map { String(cString: $0) } ?? "?"
        sqlite3_free(message)
        throw ConvoError("SQL failed: \(text)")
    }
}

@Suite struct SchemaMigrationTests {
    /// Version 1 as the first release wrote it: no turn hashes, no accounts, no part ids.
    let version1 = """
        CREATE TABLE conversations (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, started_at INTEGER,
            ended_at INTEGER, agent TEXT, user_id TEXT, account TEXT, plan TEXT, account_age_days INTEGER, metadata TEXT);
        CREATE TABLE turns (conversation INTEGER NOT NULL REFERENCES conversations(seq), ordinal INTEGER NOT NULL,
            role TEXT NOT NULL, content TEXT NOT NULL, name TEXT, arguments TEXT, tool_call_id TEXT, latency_ms INTEGER,
            ts INTEGER, PRIMARY KEY (conversation, ordinal)) WITHOUT ROWID;
        INSERT INTO conversations VALUES (1, 'old-1', 1795600000000, 1795600060000, 'support', 'u1', 'acme', 'trial', 3,
            '{"feature":"webhooks"}');
        INSERT INTO turns VALUES (1, 0, 'user', 'why is my webhook not firing', NULL, NULL, NULL, NULL, 1795600000000);
        INSERT INTO turns VALUES (1, 1, 'assistant', 'Check the endpoint.', NULL, NULL, NULL, 1400, NULL);
        INSERT INTO turns VALUES (1, 2, 'tool', 'enabled: false', 'check_settings', '{"area":"webhooks"}', 'call_9', NULL, NULL);
        PRAGMA user_version = 1;
        """

    @Test func aVersion1StoreIsUpgradedInPlaceWithItsDataKept() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("store.sqlite").path
        try executeSQL(version1, at: path)

        let store = try SQLiteStore(path: path)
        #expect(try store.schemaVersionOnDisk() == SQLiteStore.schemaVersion)
        let old = try #require(try store.conversation(id: "old-1"))
        #expect(old.agent == "support")
        #expect(old.user == UserInfo(id: "u1", account: "acme", plan: "trial", accountAgeDays: 3))
        #expect(old.metadata == ["feature": .string("webhooks")])
        #expect(old.turns.map(\.content) == ["why is my webhook not firing", "Check the endpoint.", "enabled: false"])
        #expect(old.turns[2].arguments == .object(["area": .string("webhooks")]))

        // The hashes the migration computed recognise the old turns: re-sending them adds nothing,
        // and a continuation lands after them.
        let again = Conversation(id: "old-1", turns: [
            Turn(role: .user, content: "why is my webhook not firing"), Turn(role: .assistant, content: "Check the endpoint."),
            Turn(role: .tool, content: "enabled: false", name: "check_settings", arguments: .string(#"{"area": "webhooks"}"#)),
            Turn(role: .user, content: "it works now"),
        ])
        #expect(try store.merge([again]) == MergeSummary(merged: 1, turnsAdded: 1))
        #expect(try store.conversation(id: "old-1")?.turns.count == 4)
        // The tables version 2 added work.
        #expect(try store.mergeAccounts([Account(id: "acme", plan: "pro")]) == MergeSummary(ingested: 1))
    }

    /// Version 2 as it was before assignments: version 1 plus turn hashes, accounts and parts.
    var version2: String {
        version1.replacingOccurrences(of: "PRAGMA user_version = 1;", with: """
            ALTER TABLE turns ADD COLUMN content_hash INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE turns ADD COLUMN arguments_hash INTEGER;
            CREATE TABLE accounts (id TEXT PRIMARY KEY, plan TEXT, mrr REAL, signup_date TEXT, churn_date TEXT) WITHOUT ROWID;
            CREATE TABLE parts (conversation INTEGER NOT NULL REFERENCES conversations(seq), part_id TEXT NOT NULL,
                PRIMARY KEY (conversation, part_id)) WITHOUT ROWID;
            CREATE INDEX conversations_by_start ON conversations(started_at, id);
            INSERT INTO accounts VALUES ('acme', 'trial', 49.0, '2026-11-01', NULL);
            PRAGMA user_version = 2;
            """)
    }

    @Test func aVersion2StoreGainsAssignmentsInPlace() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("store.sqlite").path
        try executeSQL(version2, at: path)
        let store = try SQLiteStore(path: path)
        #expect(try store.schemaVersionOnDisk() == 3)
        #expect(try store.conversation(id: "old-1")?.turns.count == 3)
        #expect(try store.accounts() == [Account(id: "acme", plan: "trial", mrr: 49, signupDate: Day(iso8601: "2026-11-01"))])
        #expect(try store.assignments() == [IntentAssignment(conversation: "old-1", intent: nil)])
        #expect(try store.saveAssignments([IntentAssignment(conversation: "old-1", intent: "webhook-not-firing")]) == 1)
        // Opening the upgraded store again runs no migration and keeps the assignment.
        let again = try SQLiteStore(path: path)
        #expect(try again.assignedIntents() == ["old-1": "webhook-not-firing"])
    }

    @Test func aStoreFromANewerConvoIsRefused() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("store.sqlite").path
        try executeSQL("PRAGMA user_version = 99;", at: path)
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            (error as? StoreError)?.message.contains("schema version 99") == true
        }
    }

    @Test func aFileThatIsNotAStoreGivesAClearError() throws {
        let scratch = try ScratchDirectory()
        let url = try scratch.write("store.sqlite", String(repeating: "not a database\n", count: 400))
        #expect {
            _ = try SQLiteStore(path: url.path)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.location?.file == url.path && !error.hints.isEmpty
        }
    }
}

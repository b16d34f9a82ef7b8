import ConvoBase
import ConvoModel
import CSQLite

/// The embedded store: one SQLite file under `.convo/`, in WAL mode.
///
/// Durability: every `merge` is one transaction, and it returns only after `COMMIT`. The default
/// `synchronous=FULL` syncs the write-ahead log at each commit, so a merge that returned survives
/// a power loss too, which `convo serve` needs before it answers 2xx. Commits are per batch, so the
/// sync costs little (`bench/ingest/run` measures it). `.normal` survives process crashes only.
public final class SQLiteStore: ConversationStore {
    public enum Synchronous: String, Sendable {
        case full = "FULL"
        case normal = "NORMAL"
    }

    let db: SQLiteDatabase
    public let path: String

    // Prepared once, reused for every row.
    private let selectConversation: SQLiteStatement
    private let insertConversation: SQLiteStatement
    private let updateConversation: SQLiteStatement
    private let insertTurn: SQLiteStatement
    private let selectTurnKeys: SQLiteStatement
    private let moveTurn: SQLiteStatement
    private let fillTurn: SQLiteStatement
    private let selectPart: SQLiteStatement
    private let insertPart: SQLiteStatement
    private let selectTurns: SQLiteStatement
    private let lastRowID: SQLiteStatement

    /// Opens (creating if needed) and upgrades the store at `path`.
    /// - Parameter busyTimeoutMs: how long to wait for another writer before failing.
    public init(path: String, synchronous: Synchronous = .full, busyTimeoutMs: Int = 10_000) throws(StoreError) {
        self.path = path
        db = try SQLiteDatabase(path: path)
        try db.execute("PRAGMA busy_timeout = \(busyTimeoutMs)")
        let mode = try db.prepare("PRAGMA journal_mode = WAL")
        let journal = try mode.step() ? mode.string(0) ?? "" : ""
        mode.reset()
        if journal.lowercased() != "wal" {
            throw StoreError("the store cannot use write-ahead logging (journal mode '\(journal)')", store: path,
                             hints: ["keep the store on a local file system"])
        }
        try db.execute("""
            PRAGMA synchronous = \(synchronous.rawValue);
            PRAGMA cache_size = -65536;
            PRAGMA temp_store = MEMORY;
            """)
        try SQLiteStore.migrate(db)

        selectConversation = try db.prepare("""
            SELECT seq, id, started_at, ended_at, agent, user_id, account, plan, account_age_days, metadata
            FROM conversations WHERE id = ?
            """)
        insertConversation = try db.prepare("""
            INSERT INTO conversations (id, started_at, ended_at, agent, user_id, account, plan, account_age_days, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateConversation = try db.prepare("""
            UPDATE conversations SET started_at = ?, ended_at = ?, agent = ?, user_id = ?, account = ?, plan = ?,
            account_age_days = ?, metadata = ? WHERE seq = ?
            """)
        insertTurn = try db.prepare("""
            INSERT INTO turns (conversation, ordinal, role, content, name, arguments, tool_call_id, latency_ms, ts,
            content_hash, arguments_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        selectTurnKeys = try db.prepare("""
            SELECT role, content_hash, arguments_hash, ts, latency_ms IS NULL, arguments IS NULL, tool_call_id IS NULL
            FROM turns WHERE conversation = ? ORDER BY ordinal
            """)
        moveTurn = try db.prepare("UPDATE turns SET ordinal = ? WHERE conversation = ? AND ordinal = ?")
        fillTurn = try db.prepare("""
            UPDATE turns SET ts = COALESCE(ts, ?), latency_ms = COALESCE(latency_ms, ?),
            arguments = COALESCE(arguments, ?), arguments_hash = COALESCE(arguments_hash, ?),
            tool_call_id = COALESCE(tool_call_id, ?) WHERE conversation = ? AND ordinal = ?
            """)
        selectPart = try db.prepare("SELECT 1 FROM parts WHERE conversation = ? AND part_id = ?")
        insertPart = try db.prepare("INSERT OR IGNORE INTO parts (conversation, part_id) VALUES (?, ?)")
        selectTurns = try db.prepare("""
            SELECT role, content, name, arguments, tool_call_id, latency_ms, ts FROM turns
            WHERE conversation = ? ORDER BY ordinal
            """)
        lastRowID = try db.prepare("SELECT last_insert_rowid()")
    }

    /// The schema version of the open store.
    public func schemaVersionOnDisk() throws -> Int {
        Int(try db.integer("PRAGMA user_version"))
    }

    // MARK: - Merging

    public func merge(parts: [ConversationPart]) throws -> MergeSummary {
        try transaction {
            var summary = MergeSummary()
            for part in parts { try merge(part, into: &summary) }
            return summary
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE … COMMIT`; rolls back on any error.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try db.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try db.execute("COMMIT")
            return result
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    private struct StoredTurn {
        var key: TurnKey
        var lacksLatency: Bool
        var lacksArguments: Bool
        var lacksToolCallID: Bool
    }

    private func merge(_ part: ConversationPart, into summary: inout MergeSummary) throws {
        let incoming = part.conversation
        guard let (seq, stored) = try storedFacts(id: incoming.id) else {
            let facts = ConversationFacts.initial(incoming)
            try write(facts, seq: nil)
            let seq = try lastInsertedRowID()
            for (ordinal, turn) in incoming.turns.enumerated() {
                try insert(turn, key: TurnKey(turn), seq: seq, ordinal: ordinal)
            }
            if let id = part.partID { try recordPart(id, seq: seq) }
            summary.ingested += 1
            summary.turnsAdded += incoming.turns.count
            return
        }
        if let id = part.partID, try hasPart(id, seq: seq) {
            summary.unchanged += 1
            return
        }
        var changed = false
        if !incoming.turns.isEmpty {
            let existing = try storedTurns(seq: seq)
            let keys = incoming.turns.map(TurnKey.init)
            let plan = TurnMerge.plan(existing: existing.map(\.key), incoming: keys, mode: part.mode)
            changed = try apply(plan, existing: existing, incoming: incoming.turns, keys: keys, seq: seq, summary: &summary)
        }
        let facts = ConversationFacts.merge(stored: stored, incoming: incoming)
        if !ConversationFacts.sameFacts(facts, stored) {
            try write(facts, seq: seq)
            changed = true
        }
        if let id = part.partID { try recordPart(id, seq: seq) }
        if changed { summary.merged += 1 } else { summary.unchanged += 1 }
    }

    /// Renumbers stored turns to their merged positions, inserts the new ones, and fills in what
    /// stored copies of repeated turns lacked. Returns whether anything changed.
    private func apply(_ plan: TurnMergePlan, existing: [StoredTurn], incoming: [Turn], keys: [TurnKey],
                       seq: Int64, summary: inout MergeSummary) throws -> Bool {
        var changed = false
        if plan.addsTurns {
            var newPosition = [Int](repeating: 0, count: existing.count)
            for (position, slot) in plan.order.enumerated() {
                if case .existing(let index) = slot { newPosition[index] = position }
            }
            // Positions only grow, so moving from the last turn down never collides.
            for index in stride(from: existing.count - 1, through: 0, by: -1) where newPosition[index] != index {
                moveTurn.bind(1, newPosition[index])
                moveTurn.bind(2, seq)
                moveTurn.bind(3, index)
                try moveTurn.run()
            }
            for (position, slot) in plan.order.enumerated() {
                guard case .incoming(let index) = slot else { continue }
                try insert(incoming[index], key: keys[index], seq: seq, ordinal: position)
                summary.turnsAdded += 1
            }
            changed = true
        }
        var positions: [Int: Int] = [:]
        if !plan.matches.isEmpty && plan.addsTurns {
            for (position, slot) in plan.order.enumerated() {
                if case .existing(let index) = slot { positions[index] = position }
            }
        }
        for match in plan.matches {
            let stored = existing[match.existing]
            let turn = incoming[match.incoming]
            let fillsTime = stored.key.timestamp == nil && turn.timestamp != nil
            let fillsLatency = stored.lacksLatency && turn.latencyMs != nil
            let fillsArguments = stored.lacksArguments && turn.arguments != nil
            let fillsToolCall = stored.lacksToolCallID && turn.toolCallID != nil
            guard fillsTime || fillsLatency || fillsArguments || fillsToolCall else { continue }
            fillTurn.bind(1, turn.timestamp?.millisecondsSinceEpoch)
            fillTurn.bind(2, turn.latencyMs)
            fillTurn.bind(3, turn.arguments?.jsonText)
            fillTurn.bind(4, keys[match.incoming].argumentsHash)
            fillTurn.bind(5, turn.toolCallID)
            fillTurn.bind(6, seq)
            fillTurn.bind(7, positions[match.existing] ?? match.existing)
            try fillTurn.run()
            changed = true
        }
        return changed
    }

    private func storedFacts(id: String) throws -> (Int64, Conversation)? {
        selectConversation.reset()
        defer { selectConversation.reset() }
        selectConversation.bind(1, id)
        guard try selectConversation.step(), let seq = selectConversation.int64(0) else { return nil }
        return (seq, readFacts(selectConversation, from: 1))
    }

    /// Reads id, started_at, ended_at, agent, user_id, account, plan, account_age_days, metadata.
    func readFacts(_ row: SQLiteStatement, from column: Int32) -> Conversation {
        var c = Conversation(id: row.string(column) ?? "")
        c.startedAt = row.int64(column + 1).map(Timestamp.init(millisecondsSinceEpoch:))
        c.endedAt = row.int64(column + 2).map(Timestamp.init(millisecondsSinceEpoch:))
        c.agent = row.string(column + 3)
        c.user = UserInfo(id: row.string(column + 4), account: row.string(column + 5), plan: row.string(column + 6),
                          accountAgeDays: row.int(column + 7))
        if let text = row.string(column + 8), case .object(let metadata)? = try? JSONParser.parse(text) {
            c.metadata = metadata
        }
        return c
    }

    private func write(_ facts: Conversation, seq: Int64?) throws {
        let statement = seq == nil ? insertConversation : updateConversation
        var index: Int32 = 1
        if seq == nil {
            statement.bind(index, facts.id)
            index += 1
        }
        statement.bind(index, facts.startedAt?.millisecondsSinceEpoch)
        statement.bind(index + 1, facts.endedAt?.millisecondsSinceEpoch)
        statement.bind(index + 2, facts.agent)
        statement.bind(index + 3, facts.user.id)
        statement.bind(index + 4, facts.user.account)
        statement.bind(index + 5, facts.user.plan)
        statement.bind(index + 6, facts.user.accountAgeDays)
        statement.bind(index + 7, facts.metadata.isEmpty ? nil : JSONValue.object(facts.metadata).jsonText)
        if let seq { statement.bind(index + 8, seq) }
        try statement.run()
    }

    private func lastInsertedRowID() throws -> Int64 {
        defer { lastRowID.reset() }
        guard try lastRowID.step(), let id = lastRowID.int64(0) else {
            throw StoreError("store operation failed (insert a conversation): no row id", store: path)
        }
        return id
    }

    private func insert(_ turn: Turn, key: TurnKey, seq: Int64, ordinal: Int) throws {
        insertTurn.bind(1, seq)
        insertTurn.bind(2, ordinal)
        insertTurn.bind(3, turn.role.rawValue)
        insertTurn.bind(4, turn.content)
        insertTurn.bind(5, turn.name)
        insertTurn.bind(6, turn.arguments?.jsonText)
        insertTurn.bind(7, turn.toolCallID)
        insertTurn.bind(8, turn.latencyMs)
        insertTurn.bind(9, turn.timestamp?.millisecondsSinceEpoch)
        insertTurn.bind(10, key.contentHash)
        insertTurn.bind(11, key.argumentsHash)
        try insertTurn.run()
    }

    private func storedTurns(seq: Int64) throws -> [StoredTurn] {
        selectTurnKeys.reset()
        defer { selectTurnKeys.reset() }
        selectTurnKeys.bind(1, seq)
        var turns: [StoredTurn] = []
        while try selectTurnKeys.step() {
            let key = TurnKey(role: Role(rawValue: selectTurnKeys.string(0) ?? "") ?? .user,
                              contentHash: selectTurnKeys.int64(1) ?? 0,
                              argumentsHash: selectTurnKeys.int64(2),
                              timestamp: selectTurnKeys.int64(3))
            turns.append(StoredTurn(key: key, lacksLatency: selectTurnKeys.int64(4) == 1,
                                    lacksArguments: selectTurnKeys.int64(5) == 1,
                                    lacksToolCallID: selectTurnKeys.int64(6) == 1))
        }
        return turns
    }

    private func hasPart(_ id: String, seq: Int64) throws -> Bool {
        selectPart.reset()
        defer { selectPart.reset() }
        selectPart.bind(1, seq)
        selectPart.bind(2, id)
        return try selectPart.step()
    }

    private func recordPart(_ id: String, seq: Int64) throws {
        insertPart.bind(1, seq)
        insertPart.bind(2, id)
        try insertPart.run()
    }

    // MARK: - Reading turns

    func turns(seq: Int64) throws -> [Turn] {
        selectTurns.reset()
        defer { selectTurns.reset() }
        selectTurns.bind(1, seq)
        var turns: [Turn] = []
        while try selectTurns.step() {
            var turn = Turn(role: Role(rawValue: selectTurns.string(0) ?? "") ?? .user, content: selectTurns.string(1) ?? "")
            turn.name = selectTurns.string(2)
            turn.arguments = selectTurns.string(3).flatMap { try? JSONParser.parse($0) }
            turn.toolCallID = selectTurns.string(4)
            turn.latencyMs = selectTurns.int(5)
            turn.timestamp = selectTurns.int64(6).map(Timestamp.init(millisecondsSinceEpoch:))
            turns.append(turn)
        }
        return turns
    }
}

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
    let selectConversation: SQLiteStatement
    let insertConversation: SQLiteStatement
    let updateConversation: SQLiteStatement
    let insertTurn: SQLiteStatement
    /// Multi-row inserts of new conversations' turns, by row count (fewer statement steps).
    var insertTurnRows = [SQLiteStatement?](repeating: nil, count: SQLiteStore.rowsPerInsert + 1)
    static let turnColumns = """
        INSERT INTO turns (conversation, ordinal, role, content, name, arguments, tool_call_id, latency_ms, ts,
        content_hash, arguments_hash) VALUES
        """
    let selectTurnKeys: SQLiteStatement
    let moveTurn: SQLiteStatement
    let fillTurn: SQLiteStatement
    let selectPart: SQLiteStatement
    let insertPart: SQLiteStatement
    let selectTurns: SQLiteStatement

    /// Opens (creating if needed) and upgrades the store at `path`.
    /// - Parameter busyTimeoutMs: how long to wait for another writer before failing.
    public init(path: String, synchronous: Synchronous = .full, busyTimeoutMs: Int = 10_000) throws(StoreError) {
        self.path = path
        db = try SQLiteDatabase(path: path)
        // 16 KiB pages for a new store (an existing one keeps its own): a quarter of the page
        // writes and B-tree splits of the default 4 KiB when ingesting in bulk.
        try db.execute("PRAGMA busy_timeout = \(busyTimeoutMs); PRAGMA page_size = 16384")
        let mode = try db.prepare("PRAGMA journal_mode = WAL")
        let journal = try mode.step() ? mode.string(0) ?? "" : ""
        mode.reset()
        if journal.lowercased() != "wal" {
            throw StoreError("the store cannot use write-ahead logging (journal mode '\(journal)')", store: path,
                             hints: ["keep the store on a local file system"])
        }
        try db.execute("""
            PRAGMA synchronous = \(synchronous.rawValue);
            PRAGMA cache_size = -16384;
            PRAGMA temp_store = MEMORY;
            """)
        try SQLiteStore.migrate(db)

        selectConversation = try db.prepare("""
            SELECT seq, id, started_at, ended_at, agent, user_id, account, plan, account_age_days, metadata
            FROM conversations WHERE id = ?
            """)
        insertConversation = try db.prepare("""
            INSERT INTO conversations (id, started_at, ended_at, agent, user_id, account, plan, account_age_days, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """)
        updateConversation = try db.prepare("""
            UPDATE conversations SET started_at = ?, ended_at = ?, agent = ?, user_id = ?, account = ?, plan = ?,
            account_age_days = ?, metadata = ? WHERE seq = ?
            """)
        insertTurn = try db.prepare(SQLiteStore.turnColumns + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        selectTurnKeys = try db.prepare("""
            SELECT role, name, content_hash, content = '', arguments_hash, tool_call_id, ts, latency_ms IS NULL,
            arguments IS NULL FROM turns WHERE conversation = ? ORDER BY ordinal
            """)
        moveTurn = try db.prepare("UPDATE turns SET ordinal = ? WHERE conversation = ? AND ordinal = ?")
        fillTurn = try db.prepare("""
            UPDATE turns SET ts = COALESCE(ts, ?), latency_ms = COALESCE(latency_ms, ?),
            arguments = COALESCE(arguments, ?), arguments_hash = COALESCE(arguments_hash, ?),
            tool_call_id = COALESCE(tool_call_id, ?), content = COALESCE(?, content), content_hash = COALESCE(?, content_hash)
            WHERE conversation = ? AND ordinal = ?
            """)
        selectPart = try db.prepare("SELECT 1 FROM parts WHERE conversation = ? AND part_id = ?")
        insertPart = try db.prepare("INSERT OR IGNORE INTO parts (conversation, part_id) VALUES (?, ?)")
        selectTurns = try db.prepare("""
            SELECT role, content, name, arguments, tool_call_id, latency_ms, ts FROM turns
            WHERE conversation = ? ORDER BY ordinal
            """)
    }

    /// The schema version of the open store.
    public func schemaVersionOnDisk() throws -> Int {
        Int(try db.integer("PRAGMA user_version"))
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

import ConvoBase
import ConvoModel

/// Versioned schema migrations, tracked in `PRAGMA user_version`. Each step upgrades a store of
/// the previous version in place, inside one transaction, so a crash leaves the old version intact.
extension SQLiteStore {
    /// The version this build writes. Stores of a higher version are refused, never downgraded.
    public static let schemaVersion = 3

    struct Migration: Sendable {
        let version: Int
        let apply: @Sendable (SQLiteDatabase) throws(StoreError) -> Void
    }

    static let migrations: [Migration] = [
        Migration(version: 1) { db throws(StoreError) in
            // The first schema: conversations and their turns.
            try db.execute("""
                CREATE TABLE conversations (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    started_at INTEGER,
                    ended_at INTEGER,
                    agent TEXT,
                    user_id TEXT,
                    account TEXT,
                    plan TEXT,
                    account_age_days INTEGER,
                    metadata TEXT
                );
                CREATE TABLE turns (
                    conversation INTEGER NOT NULL REFERENCES conversations(seq),
                    ordinal INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    content TEXT NOT NULL,
                    name TEXT,
                    arguments TEXT,
                    tool_call_id TEXT,
                    latency_ms INTEGER,
                    ts INTEGER,
                    PRIMARY KEY (conversation, ordinal)
                ) WITHOUT ROWID;
                """)
        },
        Migration(version: 2) { db throws(StoreError) in
            // Turn identities for merging, account facts, delta-part ids, and the listing index.
            try db.execute("""
                ALTER TABLE turns ADD COLUMN content_hash INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE turns ADD COLUMN arguments_hash INTEGER;
                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY,
                    plan TEXT,
                    mrr REAL,
                    signup_date TEXT,
                    churn_date TEXT
                ) WITHOUT ROWID;
                CREATE TABLE parts (
                    conversation INTEGER NOT NULL REFERENCES conversations(seq),
                    part_id TEXT NOT NULL,
                    PRIMARY KEY (conversation, part_id)
                ) WITHOUT ROWID;
                CREATE INDEX conversations_by_start ON conversations(started_at, id);
                """)
            try fillTurnHashes(db)
        },
        Migration(version: 3) { db throws(StoreError) in
            // Which intent `convo cluster` put each conversation in (NULL: clustered, no intent).
            // A row per conversation clustered at least once; the previous run's groups are what
            // the next run starts from.
            try db.execute("""
                CREATE TABLE assignments (
                    conversation INTEGER PRIMARY KEY REFERENCES conversations(seq),
                    intent TEXT
                );
                CREATE INDEX assignments_by_intent ON assignments(intent);
                """)
        },
    ]

    /// Computes the identity hashes of turns written before version 2.
    private static func fillTurnHashes(_ db: SQLiteDatabase) throws(StoreError) {
        let select = try db.prepare("SELECT conversation, ordinal, role, name, content, arguments FROM turns")
        let update = try db.prepare("UPDATE turns SET content_hash = ?, arguments_hash = ? WHERE conversation = ? AND ordinal = ?")
        while try select.step() {
            let role = Role(normalizing: select.string(2) ?? "") ?? .user
            let hash = TurnKey.contentHash(role: role, name: select.string(3), content: select.string(4) ?? "")
            let arguments = select.string(5).flatMap { try? JSONParser.parse($0) }
            update.bind(1, hash)
            update.bind(2, arguments.map(TurnKey.argumentsHash))
            update.bind(3, select.int64(0))
            update.bind(4, select.int64(1))
            try update.run()
        }
    }

    /// Brings the store to `schemaVersion`, one committed step at a time. The version is read
    /// inside each step's write transaction, so two processes opening a new store at once do
    /// not both run a step.
    static func migrate(_ db: SQLiteDatabase) throws(StoreError) {
        // The common case, an up-to-date store, takes no write lock (a reader during an ingest).
        if Int(try db.integer("PRAGMA user_version")) == schemaVersion { return }
        while true {
            try db.execute("BEGIN IMMEDIATE")
            let current: Int
            do {
                current = Int(try db.integer("PRAGMA user_version"))
            } catch {
                try? db.execute("ROLLBACK")
                throw error
            }
            if current > schemaVersion {
                try? db.execute("ROLLBACK")
                throw StoreError.newerSchema(found: current, known: schemaVersion, store: db.path)
            }
            guard let migration = migrations.first(where: { $0.version > current }) else {
                try db.execute("COMMIT")
                return
            }
            do {
                try migration.apply(db)
                try db.execute("PRAGMA user_version = \(migration.version)")
                try db.execute("COMMIT")
            } catch {
                try? db.execute("ROLLBACK")
                throw StoreError("could not upgrade the store to schema version \(migration.version): \(error.message)",
                                 store: db.path, hints: error.hints)
            }
        }
    }
}

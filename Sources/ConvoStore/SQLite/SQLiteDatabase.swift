import CSQLite

/// One SQLite connection through the C API. Only ConvoStore sees it; callers get
/// `ConversationStore`. Not thread-safe: one owner at a time, like the store that holds it.
final class SQLiteDatabase {
    private let handle: OpaquePointer
    /// For error messages: which store failed.
    let path: String

    /// Process-wide SQLite set-up, once, before the first connection.
    private static let configured: Bool = {
        _ = convo_sqlite_disable_memstatus()
        return true
    }()

    init(path: String) throws(StoreError) {
        _ = SQLiteDatabase.configured
        self.path = path
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(rc)"
            if let db { sqlite3_close_v2(db) }
            throw StoreError("cannot open the store: \(detail)", store: path,
                             hints: ["check that the directory exists and is writable"])
        }
        handle = db
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs statements that return no rows (schema, pragmas, transaction control).
    func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let detail = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
            sqlite3_free(errorMessage)
            throw failure(rc, detail, doing: firstWords(of: sql))
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw failure(rc, lastErrorMessage, doing: "prepare '\(firstWords(of: sql))'")
        }
        return SQLiteStatement(handle: statement, database: self)
    }

    /// An integer pragma or a `SELECT` of one integer.
    func integer(_ sql: String) throws(StoreError) -> Int64 {
        let statement = try prepare(sql)
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int64(0) ?? 0
    }

    /// The rowid of the last row inserted on this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// A typed error for a failed call, with a hint for the failures users can fix.
    func failure(_ code: Int32, _ detail: String, doing operation: String) -> StoreError {
        var hints: [String] = []
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            hints.append("another convo process is writing to the store; wait for it to finish and retry")
        case SQLITE_FULL:
            hints.append("the disk is full; free some space and retry (nothing of this batch was stored)")
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            hints.append("the file is not a healthy convo store; move it aside and ingest again")
        case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM:
            hints.append("check the permissions of the store and of its directory")
        default:
            break
        }
        return StoreError("store operation failed (\(operation)): \(detail)", store: path, hints: hints)
    }

    private func firstWords(of sql: String) -> String {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" }).prefix(4)
        return words.joined(separator: " ")
    }
}

/// A prepared statement, reused across rows: bind, step, read columns, reset.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Ready for the next use. Bindings stay: every caller binds every parameter before stepping.
    @discardableResult
    func reset() -> SQLiteStatement {
        sqlite3_reset(handle)
        return self
    }

    /// Text parameters are gathered in one buffer and bound when the statement steps, instead of
    /// one SQLite-side copy (a malloc and a free) per string.
    private var arena: [UInt8] = []
    private var deferredText: [(index: Int32, offset: Int, count: Int)] = []

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        let offset = arena.count
        if value.utf8.withContiguousStorageIfAvailable({ arena.append(contentsOf: $0) }) == nil {
            arena.append(contentsOf: value.utf8)
        }
        deferredText.append((index, offset, arena.count - offset))
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_double(handle, index, value)
    }

    /// Binds gathered text with copies SQLite owns (for statements stepped row by row).
    private func bindDeferredTextCopies() {
        guard !deferredText.isEmpty else { return }
        arena.withUnsafeBytes { bytes in
            for text in deferredText {
                bindText(text, base: bytes.baseAddress, destructor: convo_sqlite_transient())
            }
        }
        deferredText.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
    }

    private func bindText(_ text: (index: Int32, offset: Int, count: Int), base: UnsafeRawPointer?,
                          destructor: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) {
        let pointer = (base.map { $0 + text.offset } ?? UnsafeRawPointer(bitPattern: 1))?.assumingMemoryBound(to: CChar.self)
        if text.count == 0 || pointer == nil {
            sqlite3_bind_text64(handle, text.index, "", 0, convo_sqlite_transient(), UInt8(SQLITE_UTF8))
        } else {
            sqlite3_bind_text64(handle, text.index, pointer, UInt64(text.count), destructor, UInt8(SQLITE_UTF8))
        }
    }

    /// Advances to the next row; false when there are no more (or the statement wrote and is done).
    func step() throws(StoreError) -> Bool {
        bindDeferredTextCopies()
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let sql = sqlite3_sql(handle).map { String(cString: $0) } ?? "statement"
            let error = database.failure(rc, database.lastErrorMessage, doing: String(sql.prefix(40)))
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Steps a statement that returns no rows, then resets it. Gathered text is bound in place
    /// (no copies) for the one step, and unbound before the buffer is reused.
    func run() throws(StoreError) {
        defer { reset() }
        guard !deferredText.isEmpty else {
            _ = try step()
            return
        }
        let rc: Int32 = arena.withUnsafeBytes { bytes in
            for text in deferredText { bindText(text, base: bytes.baseAddress, destructor: nil) }
            let rc = sqlite3_step(handle)
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            return rc
        }
        deferredText.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        if rc != SQLITE_DONE && rc != SQLITE_ROW {
            let sql = sqlite3_sql(handle).map { String(cString: $0) } ?? "statement"
            throw database.failure(rc, database.lastErrorMessage, doing: String(sql.prefix(40)))
        }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int? { int64(column).map { Int(truncatingIfNeeded: $0) } }

    func double(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(handle, column)
    }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }
}

import ConvoBase
import CSQLite
import Foundation

/// A problem with the embedding cache file. The cache is derived data: deleting the file is
/// always a valid fix, at the cost of embedding everything again.
public struct EmbeddingCacheError: UserFacingError, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var location: SourceLocation? { SourceLocation(file: path) }
    public var hints: [String] { ["the cache only saves time: delete \(path) and the vectors are computed again"] }
    public var description: String { Diagnostic(error: self).rendered() }
}

/// Vectors already computed, keyed by (embedder identifier, SHA-256 of the text), in one SQLite
/// file (normally `.convo/cache/embeddings.sqlite`). Vectors are stored as little-endian float32
/// BLOBs. Any number of embedders share the file; an embedder whose identifier changes (a new
/// model) simply finds nothing.
public final class EmbeddingCache: @unchecked Sendable {
    // Every use of `database` goes through `lock`: one connection, one caller at a time.
    private let lock = NSLock()
    private let database: OpaquePointer
    public let url: URL

    public init(url: URL) throws(EmbeddingCacheError) {
        self.url = url
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw EmbeddingCacheError(path: url.path, "cannot create the cache directory: \(error.localizedDescription)")
        }
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(url.path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw EmbeddingCacheError(path: url.path, "cannot open the embedding cache: \(message)")
        }
        database = handle
        sqlite3_busy_timeout(handle, 10_000)
        do {
            try execute("""
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS embedders (
                    id INTEGER PRIMARY KEY,
                    identifier TEXT NOT NULL UNIQUE,
                    dimension INTEGER NOT NULL
                );
                CREATE TABLE IF NOT EXISTS embeddings (
                    embedder INTEGER NOT NULL REFERENCES embedders(id),
                    text_hash BLOB NOT NULL,
                    vector BLOB NOT NULL,
                    PRIMARY KEY (embedder, text_hash)
                ) WITHOUT ROWID;
                """)
        } catch {
            sqlite3_close(handle)
            throw error
        }
    }

    deinit {
        sqlite3_close(database)
    }

    /// The key a text is stored under.
    public static func key(for text: String) -> [UInt8] {
        SHA256.hash(text)
    }

    /// The cached vector for each key, or nil where there is none (or it has another length).
    public func vectors(forKeys keys: [[UInt8]], embedder: String, dimension: Int) throws(EmbeddingCacheError) -> [[Float]?] {
        try locked { () throws(EmbeddingCacheError) in
            guard let embedderID = try embedderID(embedder, dimension: dimension, create: false) else {
                return Array(repeating: nil, count: keys.count)
            }
            let statement = try prepare("SELECT vector FROM embeddings WHERE embedder = ?1 AND text_hash = ?2")
            defer { sqlite3_finalize(statement) }
            try execute("BEGIN")
            defer { _ = try? execute("COMMIT") }
            var results: [[Float]?] = []
            results.reserveCapacity(keys.count)
            for key in keys {
                sqlite3_reset(statement)
                sqlite3_bind_int64(statement, 1, embedderID)
                key.withUnsafeBytes { _ = sqlite3_bind_blob(statement, 2, $0.baseAddress, Int32($0.count), convo_sqlite_transient()) }
                let step = sqlite3_step(statement)
                guard step == SQLITE_ROW else {
                    guard step == SQLITE_DONE else { throw failure("reading a vector") }
                    results.append(nil)
                    continue
                }
                let byteCount = Int(sqlite3_column_bytes(statement, 0))
                guard byteCount == dimension * 4, let blob = sqlite3_column_blob(statement, 0) else {
                    results.append(nil)
                    continue
                }
                results.append((0..<dimension).map { index in
                    Float(bitPattern: UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
                })
            }
            return results
        }
    }

    /// Stores vectors (all of `dimension` floats) under their keys, replacing what was there.
    public func store(_ entries: [(key: [UInt8], vector: [Float])], embedder: String, dimension: Int) throws(EmbeddingCacheError) {
        guard !entries.isEmpty else { return }
        try locked { () throws(EmbeddingCacheError) in
            try execute("BEGIN IMMEDIATE")
            do throws(EmbeddingCacheError) {
                guard let embedderID = try embedderID(embedder, dimension: dimension, create: true) else {
                    throw failure("registering the embedder")
                }
                let statement = try prepare("INSERT OR REPLACE INTO embeddings (embedder, text_hash, vector) VALUES (?1, ?2, ?3)")
                defer { sqlite3_finalize(statement) }
                for (key, vector) in entries {
                    guard vector.count == dimension else {
                        throw EmbeddingCacheError(path: url.path, "a vector of \(vector.count) values does not match the embedder's dimension \(dimension)")
                    }
                    let bits = vector.map { $0.bitPattern.littleEndian }
                    sqlite3_reset(statement)
                    sqlite3_bind_int64(statement, 1, embedderID)
                    key.withUnsafeBytes { _ = sqlite3_bind_blob(statement, 2, $0.baseAddress, Int32($0.count), convo_sqlite_transient()) }
                    bits.withUnsafeBytes { _ = sqlite3_bind_blob(statement, 3, $0.baseAddress, Int32($0.count), convo_sqlite_transient()) }
                    guard sqlite3_step(statement) == SQLITE_DONE else { throw failure("storing a vector") }
                }
                try execute("COMMIT")
            } catch {
                _ = try? execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Number of vectors cached for `embedder`.
    public func count(embedder: String) throws(EmbeddingCacheError) -> Int {
        try locked { () throws(EmbeddingCacheError) in
            let statement = try prepare("""
                SELECT count(*) FROM embeddings JOIN embedders ON embedders.id = embeddings.embedder
                WHERE embedders.identifier = ?1
                """)
            defer { sqlite3_finalize(statement) }
            sqlite3_bind_text(statement, 1, embedder, -1, convo_sqlite_transient())
            guard sqlite3_step(statement) == SQLITE_ROW else { throw failure("counting vectors") }
            return Int(sqlite3_column_int64(statement, 0))
        }
    }

    // MARK: SQLite plumbing

    private func locked<T>(_ body: () throws(EmbeddingCacheError) -> T) throws(EmbeddingCacheError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The row id of an embedder; a known identifier with another dimension starts afresh.
    private func embedderID(_ identifier: String, dimension: Int, create: Bool) throws(EmbeddingCacheError) -> Int64? {
        let select = try prepare("SELECT id, dimension FROM embedders WHERE identifier = ?1")
        defer { sqlite3_finalize(select) }
        sqlite3_bind_text(select, 1, identifier, -1, convo_sqlite_transient())
        switch sqlite3_step(select) {
        case SQLITE_ROW:
            let id = sqlite3_column_int64(select, 0)
            if sqlite3_column_int64(select, 1) == Int64(dimension) { return id }
            guard create else { return nil }
            try execute("DELETE FROM embeddings WHERE embedder = \(id); UPDATE embedders SET dimension = \(dimension) WHERE id = \(id)")
            return id
        case SQLITE_DONE:
            guard create else { return nil }
            let insert = try prepare("INSERT INTO embedders (identifier, dimension) VALUES (?1, ?2)")
            defer { sqlite3_finalize(insert) }
            sqlite3_bind_text(insert, 1, identifier, -1, convo_sqlite_transient())
            sqlite3_bind_int64(insert, 2, Int64(dimension))
            guard sqlite3_step(insert) == SQLITE_DONE else { throw failure("registering the embedder") }
            return sqlite3_last_insert_rowid(database)
        default:
            throw failure("looking up the embedder")
        }
    }

    private func execute(_ sql: String) throws(EmbeddingCacheError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(database, sql, nil, nil, &errorMessage) == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errorMessage)
            throw EmbeddingCacheError(path: url.path, "the embedding cache is unusable: \(message)")
        }
    }

    private func prepare(_ sql: String) throws(EmbeddingCacheError) -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure("preparing a query")
        }
        return statement
    }

    private func failure(_ operation: String) -> EmbeddingCacheError {
        EmbeddingCacheError(path: url.path, "\(operation) failed: \(String(cString: sqlite3_errmsg(database)))")
    }
}

import ConvoBase
import ConvoModel

extension SQLiteStore {
    /// A filter as a WHERE clause over `conversations c LEFT JOIN accounts a`, with its bindings.
    private struct Clause {
        var sql = ""
        var strings: [(Int32, String)] = []
        var integers: [(Int32, Int64)] = []

        init(_ filter: ConversationFilter) {
            var conditions: [String] = []
            var index: Int32 = 1
            if let since = filter.since {
                conditions.append("c.started_at >= ?\(index)")
                integers.append((index, since.millisecondsSinceEpoch))
                index += 1
            }
            if let until = filter.until {
                conditions.append("c.started_at < ?\(index)")
                integers.append((index, until.millisecondsSinceEpoch))
                index += 1
            }
            if let plan = filter.plan {
                conditions.append("COALESCE(c.plan, a.plan) = ?\(index)")
                strings.append((index, plan))
                index += 1
            }
            if let agent = filter.agent {
                conditions.append("c.agent = ?\(index)")
                strings.append((index, agent))
                index += 1
            }
            if let ids = filter.ids {
                // One JSON array parameter instead of one parameter per id: no limit on how many.
                conditions.append("c.id IN (SELECT value FROM json_each(?\(index)))")
                strings.append((index, JSONValue.array(ids.map(JSONValue.string)).jsonText))
                index += 1
            }
            sql = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        }

        func bind(_ statement: SQLiteStatement) {
            for (index, value) in strings { statement.bind(index, value) }
            for (index, value) in integers { statement.bind(index, value) }
        }
    }

    private static let from = " FROM conversations c LEFT JOIN accounts a ON a.id = c.account"

    public func conversation(id: String) throws -> Conversation? {
        var found: Conversation?
        try forEachConversation(matching: ConversationFilter(ids: [id]), includeTurns: true) { found = $0 }
        return found
    }

    public func forEachConversation(matching filter: ConversationFilter, includeTurns: Bool,
                                    _ body: (Conversation) throws -> Void) throws {
        let clause = Clause(filter)
        // A statement of its own, so the body may run other reads (turns) while this one steps.
        let statement = try db.prepare("""
            SELECT c.seq, c.id, c.started_at, c.ended_at, c.agent, c.user_id, c.account, c.plan, c.account_age_days,
            c.metadata\(SQLiteStore.from)\(clause.sql) ORDER BY c.started_at IS NULL, c.started_at, c.id
            """)
        clause.bind(statement)
        while try statement.step() {
            var conversation = readFacts(statement, from: 1)
            if includeTurns, let seq = statement.int64(0) {
                conversation.turns = try turns(seq: seq)
            }
            try body(conversation)
        }
    }

    public func count(matching filter: ConversationFilter) throws -> Int {
        let clause = Clause(filter)
        let statement = try db.prepare("SELECT COUNT(*)\(SQLiteStore.from)\(clause.sql)")
        clause.bind(statement)
        return try statement.step() ? statement.int(0) ?? 0 : 0
    }

    public func counts(matching filter: ConversationFilter) throws -> ConversationCounts {
        let clause = Clause(filter)
        var counts = ConversationCounts()
        counts.conversations = try count(matching: filter)

        let turns = try db.prepare("""
            SELECT COUNT(*) FROM turns t JOIN conversations c ON c.seq = t.conversation
            LEFT JOIN accounts a ON a.id = c.account\(clause.sql)
            """)
        clause.bind(turns)
        counts.turns = try turns.step() ? turns.int(0) ?? 0 : 0

        // Floor division, so instants before 1970 land on the right day too.
        let byDay = try db.prepare("""
            SELECT CASE WHEN c.started_at IS NULL THEN NULL
                   ELSE (c.started_at - (((c.started_at % 86400000) + 86400000) % 86400000)) / 86400000 END AS day,
            COUNT(*)\(SQLiteStore.from)\(clause.sql) GROUP BY day ORDER BY day IS NULL, day
            """)
        clause.bind(byDay)
        while try byDay.step() {
            counts.byDay.append(CountBucket(key: byDay.int(0).map(Day.init(daysSinceEpoch:)), count: byDay.int(1) ?? 0))
        }
        counts.byPlan = try groupCounts("COALESCE(c.plan, a.plan)", clause: clause)
        counts.byAgent = try groupCounts("c.agent", clause: clause)
        return counts
    }

    private func groupCounts(_ expression: String, clause: Clause) throws -> [CountBucket<String>] {
        let statement = try db.prepare("""
            SELECT \(expression) AS k, COUNT(*) AS n\(SQLiteStore.from)\(clause.sql)
            GROUP BY k ORDER BY n DESC, k IS NULL, k
            """)
        clause.bind(statement)
        var buckets: [CountBucket<String>] = []
        while try statement.step() {
            buckets.append(CountBucket(key: statement.string(0), count: statement.int(1) ?? 0))
        }
        return buckets
    }

    // MARK: - Accounts

    public func mergeAccounts(_ accounts: [Account]) throws -> MergeSummary {
        let select = try db.prepare("SELECT id, plan, mrr, signup_date, churn_date FROM accounts WHERE id = ?")
        let upsert = try db.prepare("""
            INSERT INTO accounts (id, plan, mrr, signup_date, churn_date) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, mrr = excluded.mrr,
            signup_date = excluded.signup_date, churn_date = excluded.churn_date
            """)
        return try transaction {
            var summary = MergeSummary()
            for account in accounts {
                select.reset()
                select.bind(1, account.id)
                let stored = try select.step() ? readAccount(select) : nil
                select.reset()
                var merged = account
                if let stored {
                    merged.plan = account.plan ?? stored.plan
                    merged.mrr = account.mrr ?? stored.mrr
                    merged.signupDate = account.signupDate ?? stored.signupDate
                    merged.churnDate = account.churnDate ?? stored.churnDate
                    if merged == stored {
                        summary.unchanged += 1
                        continue
                    }
                    summary.merged += 1
                } else {
                    summary.ingested += 1
                }
                upsert.bind(1, merged.id)
                upsert.bind(2, merged.plan)
                upsert.bind(3, merged.mrr)
                upsert.bind(4, merged.signupDate?.iso8601)
                upsert.bind(5, merged.churnDate?.iso8601)
                try upsert.run()
            }
            return summary
        }
    }

    public func accounts() throws -> [Account] {
        let statement = try db.prepare("SELECT id, plan, mrr, signup_date, churn_date FROM accounts ORDER BY id")
        var accounts: [Account] = []
        while try statement.step() { accounts.append(readAccount(statement)) }
        return accounts
    }

    private func readAccount(_ row: SQLiteStatement) -> Account {
        Account(id: row.string(0) ?? "", plan: row.string(1), mrr: row.double(2),
                signupDate: row.string(3).flatMap(Day.init(iso8601:)), churnDate: row.string(4).flatMap(Day.init(iso8601:)))
    }
}

// MARK: - Assignments

extension SQLiteStore {
    public func forEachAssignment(matching filter: ConversationFilter, _ body: (IntentAssignment) throws -> Void) throws {
        let clause = Clause(filter)
        let statement = try db.prepare("""
            SELECT c.id, s.intent FROM conversations c LEFT JOIN accounts a ON a.id = c.account
            LEFT JOIN assignments s ON s.conversation = c.seq\(clause.sql)
            ORDER BY c.started_at IS NULL, c.started_at, c.id
            """)
        clause.bind(statement)
        while try statement.step() {
            try body(IntentAssignment(conversation: statement.string(0) ?? "", intent: statement.string(1)))
        }
    }

    @discardableResult
    public func saveAssignments(_ assignments: [IntentAssignment]) throws -> Int {
        guard !assignments.isEmpty else { return 0 }
        // Unchanged rows are not rewritten: re-clustering unchanged data writes nothing.
        let upsert = try db.prepare("""
            INSERT INTO assignments (conversation, intent) SELECT seq, ?1 FROM conversations WHERE id = ?2
            ON CONFLICT (conversation) DO UPDATE SET intent = excluded.intent WHERE intent IS NOT excluded.intent
            """)
        return try transaction {
            var changed = 0
            for assignment in assignments {
                upsert.bind(1, assignment.intent)
                upsert.bind(2, assignment.conversation)
                try upsert.run()
                changed += db.changes
            }
            return changed
        }
    }
}

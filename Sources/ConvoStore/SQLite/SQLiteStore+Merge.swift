import ConvoBase
import ConvoModel

/// Merging parts into the store: the rules of `TurnMerge` and `ConversationFacts`, applied with
/// as few statements as the common cases allow.
extension SQLiteStore {
    public func merge(parts: [ConversationPart]) throws -> MergeSummary {
        try transaction {
            var summary = MergeSummary()
            // New conversations' turns wait here and go in together, many rows per statement.
            var waiting = WaitingTurns()
            for index in parts.indices {
                let part = parts[index]
                if let seq = try insertIfNew(part) {
                    if let id = part.partID { try recordPart(id, seq: seq) }
                    summary.ingested += 1
                    summary.turnsAdded += part.conversation.turns.count
                    waiting.add(part: index, seq: seq, turns: part.conversation.turns.count)
                    if waiting.rows >= SQLiteStore.rowsPerInsert { try insert(&waiting, from: parts) }
                    continue
                }
                // A known conversation: its turns (perhaps from earlier in this batch) must be on disk first.
                try insert(&waiting, from: parts)
                try mergeKnown(part, into: &summary)
            }
            try insert(&waiting, from: parts)
            return summary
        }
    }

    struct StoredTurn {
        var key: TurnKey
        var lacksLatency: Bool
        var lacksArguments: Bool
    }

    /// Inserts a conversation the store does not have (the common case costs no lookup) and
    /// returns its row id; nil when it is already stored.
    private func insertIfNew(_ part: ConversationPart) throws -> Int64? {
        try write(part.initialFacts, seq: nil, metadataJSON: part.metadataJSON)
        return db.changes == 1 ? db.lastInsertRowID : nil
    }

    private func mergeKnown(_ part: ConversationPart, into summary: inout MergeSummary) throws {
        let incoming = part.conversation
        guard let (seq, stored) = try storedFacts(id: incoming.id) else {
            throw StoreError("store operation failed (merge '\(incoming.id)'): the conversation vanished mid-merge", store: path)
        }
        if let id = part.partID, try hasPart(id, seq: seq) {
            summary.unchanged += 1
            return
        }
        var changed = false
        if !incoming.turns.isEmpty {
            let existing = try storedTurns(seq: seq)
            let plan = TurnMerge.plan(existing: existing.map(\.key), incoming: part.turnKeys, mode: part.mode)
            changed = try apply(plan, existing: existing, part: part, seq: seq, summary: &summary)
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
    private func apply(_ plan: TurnMergePlan, existing: [StoredTurn], part: ConversationPart,
                       seq: Int64, summary: inout MergeSummary) throws -> Bool {
        let incoming = part.conversation.turns
        let keys = part.turnKeys
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
                bind(incoming[index], key: keys[index], argumentsJSON: part.argumentsJSON[index], seq: seq, ordinal: position,
                     to: insertTurn, from: 1)
                try insertTurn.run()
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
            let fillsToolCall = stored.key.toolCallID == nil && turn.toolCallID != nil
            // An unanswered tool call gains its result.
            let fillsResult = stored.key.isEmpty && !turn.content.isEmpty
            guard fillsTime || fillsLatency || fillsArguments || fillsToolCall || fillsResult else { continue }
            fillTurn.bind(1, turn.timestamp?.millisecondsSinceEpoch)
            fillTurn.bind(2, turn.latencyMs)
            fillTurn.bind(3, part.argumentsJSON[match.incoming])
            fillTurn.bind(4, keys[match.incoming].argumentsHash)
            fillTurn.bind(5, turn.toolCallID)
            fillTurn.bind(6, fillsResult ? turn.content : nil)
            fillTurn.bind(7, fillsResult ? keys[match.incoming].contentHash : nil)
            fillTurn.bind(8, seq)
            fillTurn.bind(9, positions[match.existing] ?? match.existing)
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

    /// Inserts (seq nil) or updates a conversation's facts; `metadataJSON` when already encoded.
    private func write(_ facts: Conversation, seq: Int64?, metadataJSON: String?? = nil) throws {
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
        statement.bind(index + 7, metadataJSON ?? (facts.metadata.isEmpty ? nil : JSONValue.object(facts.metadata).jsonText))
        if let seq { statement.bind(index + 8, seq) }
        try statement.run()
    }

    /// New conversations whose turns are not written yet: (part index, row id), in order.
    private struct WaitingTurns {
        var entries: [(part: Int, seq: Int64)] = []
        var rows = 0

        mutating func add(part: Int, seq: Int64, turns: Int) {
            guard turns > 0 else { return }
            entries.append((part, seq))
            rows += turns
        }
    }

    static let rowsPerInsert = 64

    /// Writes the waiting turns, up to `rowsPerInsert` rows per statement.
    private func insert(_ waiting: inout WaitingTurns, from parts: [ConversationPart]) throws {
        guard waiting.rows > 0 else { return }
        var row = 0
        var statement = try turnInsert(rows: min(waiting.rows, SQLiteStore.rowsPerInsert))
        var left = waiting.rows
        for entry in waiting.entries {
            let part = parts[entry.part]
            let turns = part.conversation.turns
            for index in turns.indices {
                bind(turns[index], key: part.turnKeys[index], argumentsJSON: part.argumentsJSON[index], seq: entry.seq,
                     ordinal: index, to: statement, from: Int32(row * 11 + 1))
                row += 1
                left -= 1
                if row == SQLiteStore.rowsPerInsert {
                    try statement.run()
                    row = 0
                    if left > 0 { statement = try turnInsert(rows: min(left, SQLiteStore.rowsPerInsert)) }
                }
            }
        }
        if row > 0 { try statement.run() }
        waiting = WaitingTurns()
    }

    /// The prepared INSERT of `rows` turns.
    private func turnInsert(rows: Int) throws -> SQLiteStatement {
        if let prepared = insertTurnRows[rows] ?? nil { return prepared }
        let values = [String](repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        let statement = try db.prepare(SQLiteStore.turnColumns + " " + values)
        insertTurnRows[rows] = statement
        return statement
    }

    private func bind(_ turn: Turn, key: TurnKey, argumentsJSON: String?, seq: Int64, ordinal: Int,
                      to statement: SQLiteStatement, from first: Int32) {
        statement.bind(first, seq)
        statement.bind(first + 1, ordinal)
        statement.bind(first + 2, turn.role.rawValue)
        statement.bind(first + 3, turn.content)
        statement.bind(first + 4, turn.name)
        statement.bind(first + 5, argumentsJSON)
        statement.bind(first + 6, turn.toolCallID)
        statement.bind(first + 7, turn.latencyMs)
        statement.bind(first + 8, turn.timestamp?.millisecondsSinceEpoch)
        statement.bind(first + 9, key.contentHash)
        statement.bind(first + 10, key.argumentsHash)
    }

    private func storedTurns(seq: Int64) throws -> [StoredTurn] {
        selectTurnKeys.reset()
        defer { selectTurnKeys.reset() }
        selectTurnKeys.bind(1, seq)
        var turns: [StoredTurn] = []
        while try selectTurnKeys.step() {
            let key = TurnKey(role: Role(rawValue: selectTurnKeys.string(0) ?? "") ?? .user, name: selectTurnKeys.string(1),
                              contentHash: selectTurnKeys.int64(2) ?? 0, isEmpty: selectTurnKeys.int64(3) == 1,
                              argumentsHash: selectTurnKeys.int64(4), toolCallID: selectTurnKeys.string(5),
                              timestamp: selectTurnKeys.int64(6))
            turns.append(StoredTurn(key: key, lacksLatency: selectTurnKeys.int64(7) == 1,
                                    lacksArguments: selectTurnKeys.int64(8) == 1))
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
}

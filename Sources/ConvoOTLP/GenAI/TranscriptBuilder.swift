import ConvoBase
import ConvoModel
import ConvoStore

/// Turns model calls into convo turns: a tool call and its result become one `tool` turn, and
/// the calls of one conversation are overlapped (each call's input repeats the history) instead
/// of concatenated.
enum TranscriptBuilder {
    /// The turns of one call: its input (the history) followed by its output. The output gets the
    /// call's end time and latency; the newest user turn of the input gets the call's start time.
    static func turns(of call: ModelCall) -> [Turn] {
        let history = turns(from: call.input)
        var turns = turns(from: call.input + call.output)
        // The user message that prompted this call is the last one of its input; in an agent
        // loop's later calls the input ends with a tool result instead and no time is known.
        // Only a whole call (input and output) says so: part of a call's events may end early.
        if !call.output.isEmpty, let last = history.indices.last, history[last].role == .user, last < turns.count {
            turns[last].timestamp = Timestamp(unixNano: call.startTimeUnixNano)
        }
        let end = Timestamp(unixNano: call.endTimeUnixNano)
        let latency = call.endTimeUnixNano > call.startTimeUnixNano && call.startTimeUnixNano != 0
            ? Int((call.endTimeUnixNano - call.startTimeUnixNano) / 1_000_000) : nil
        for index in min(history.count, turns.count)..<turns.count where turns[index].role == .assistant {
            turns[index].timestamp = end
            turns[index].latencyMs = latency
        }
        return turns
    }

    /// Messages → turns. Tool calls wait for their result (matched by id, else in order) and then
    /// become one tool turn; calls still unanswered when a user speaks are kept with no result;
    /// calls unanswered at the very end are left for the next model call, whose history has them.
    static func turns(from messages: [GenAIMessage]) -> [Turn] {
        var turns: [Turn] = []
        var open: [(id: String?, name: String, arguments: JSONValue?)] = []

        func closeUnanswered() {
            for call in open {
                turns.append(Turn(role: .tool, content: "", name: call.name, arguments: call.arguments, toolCallID: call.id))
            }
            open.removeAll()
        }

        for message in messages {
            let normalized = Role(normalizing: message.role)
            let role = normalized ?? .system
            if role == .user || role == .system {
                if !message.parts.contains(where: { if case .toolResponse = $0 { return true } else { return false } }) {
                    closeUnanswered()
                }
            }
            var texts: [String] = []
            func flushText() {
                guard !texts.isEmpty else { return }
                // Unknown roles are kept as system turns, named after the role they had.
                let name = normalized == nil ? message.role : (role == .tool ? message.name : nil)
                turns.append(Turn(role: role, content: texts.joined(separator: "\n"), name: name))
                texts.removeAll()
            }
            for part in message.parts {
                switch part {
                case .text(let text):
                    texts.append(text)
                case .toolCall(let id, let name, let arguments):
                    flushText()
                    open.append((id, name, arguments))
                case .toolResponse(let id, let content):
                    flushText()
                    let match = id.flatMap { id in open.firstIndex { $0.id == id } } ?? (open.isEmpty ? nil : 0)
                    if let match {
                        let call = open.remove(at: match)
                        turns.append(Turn(role: .tool, content: content, name: call.name, arguments: call.arguments, toolCallID: call.id ?? id))
                    } else {
                        turns.append(Turn(role: .tool, content: content, name: message.name, toolCallID: id))
                    }
                }
            }
            flushText()
        }
        return turns
    }
}

/// Overlapping the parts of one conversation with the store's own merge rules (`TurnMerge`),
/// so fragments combined here (one request, one file) come out as the store would combine them.
enum TranscriptMerge {
    /// The same turn seen twice, as `TurnKey.matches` decides it, compared directly.
    static func sameTurn(_ a: Turn, _ b: Turn) -> Bool {
        guard a.role == b.role, a.content == b.content, a.name == b.name else { return false }
        if let x = a.timestamp, let y = b.timestamp, x != y { return false }
        if let x = a.arguments, let y = b.arguments, TurnKey.argumentsHash(x) != TurnKey.argumentsHash(y) { return false }
        return true
    }

    /// `existing` merged with `incoming` as a history part.
    static func merge(_ existing: [Turn], _ incoming: [Turn]) -> [Turn] {
        guard !existing.isEmpty else { return incoming }
        guard !incoming.isEmpty else { return existing }
        // The common case, a later call repeating the whole history: no hashing needed.
        if incoming.count >= existing.count && zip(existing, incoming).allSatisfy(sameTurn) {
            var merged = incoming
            for index in existing.indices {
                merged[index].timestamp = existing[index].timestamp ?? incoming[index].timestamp
                merged[index].latencyMs = existing[index].latencyMs ?? incoming[index].latencyMs
                merged[index].arguments = existing[index].arguments ?? incoming[index].arguments
                merged[index].toolCallID = existing[index].toolCallID ?? incoming[index].toolCallID
            }
            return merged
        }
        let plan = TurnMerge.plan(existing: existing.map(TurnKey.init), incoming: incoming.map(TurnKey.init))
        var filled = existing
        for match in plan.matches {
            var turn = filled[match.existing]
            let other = incoming[match.incoming]
            turn.timestamp = turn.timestamp ?? other.timestamp
            turn.latencyMs = turn.latencyMs ?? other.latencyMs
            turn.arguments = turn.arguments ?? other.arguments
            turn.toolCallID = turn.toolCallID ?? other.toolCallID
            filled[match.existing] = turn
        }
        return plan.order.map { slot in
            switch slot {
            case .existing(let index): return filled[index]
            case .incoming(let index): return incoming[index]
            }
        }
    }
}

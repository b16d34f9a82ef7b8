import ConvoBase
import ConvoStore
import Foundation

/// What reading an input produced, in input order.
enum IngestEvent: Sendable {
    case parts([ConversationPart])
    /// A rejected record, and whether to print it (only the first few per input are).
    case rejected(RecordRejection, shown: Bool)
    case diagnostic(Diagnostic)
    case unusable(IngestInputError)
    case records(Int)
}

/// Hands batches of events from the reading thread to the writing one, blocking the reader when
/// the writer falls behind (bounded memory).
final class EventQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [[IngestEvent]] = []
    private let capacity: Int
    private var closed = false
    private var cancelled = false
    private var bin: [[ConversationPart]] = []

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// False once the consumer gave up: the reader should stop. Frees recycled batches on the
    /// calling (reading) thread.
    func push(_ events: [IngestEvent]) -> Bool {
        var garbage: [[ConversationPart]] = []
        defer { garbage.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        swap(&garbage, &bin)
        if cancelled { return false }
        items.append(events)
        condition.broadcast()
        return true
    }

    /// Hands a merged batch back, to be freed by the reading thread.
    func recycle(_ batch: consuming [ConversationPart]) {
        condition.lock()
        bin.append(batch)
        condition.unlock()
    }

    func pop() -> [IngestEvent]? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let first = items.removeFirst()
        condition.broadcast()
        return first
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// How long-running library work (ingest, cluster, encode) tells the user how far it got,
/// without knowing whether a terminal is attached. The CLI draws a bar on a terminal and stays
/// quiet otherwise; tests pass `SilentProgress`.
public protocol ProgressObserver: Sendable {
    /// - Parameters:
    ///   - phase: what is being done, e.g. "ingesting transcripts.jsonl".
    ///   - completed: units done so far.
    ///   - total: units in all, when known.
    ///   - unit: what a unit is ("bytes", "conversations").
    func update(_ phase: String, completed: Int, total: Int?, unit: String)
    /// The phase is over; clear the bar.
    func finish(_ phase: String)
}

/// Reports nothing.
public struct SilentProgress: ProgressObserver {
    public init() {}
    public func update(_ phase: String, completed: Int, total: Int?, unit: String) {}
    public func finish(_ phase: String) {}
}

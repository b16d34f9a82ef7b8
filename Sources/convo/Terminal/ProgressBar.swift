import ConvoBase
import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal; with `timings`, also
/// one line per finished phase saying how long it took (whether or not a terminal is attached),
/// so a slow run shows where its time went.
final class ProgressBar: ProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let timings: Bool
    private var lastDraw: UInt64 = 0
    /// When each phase that has not finished yet was first reported.
    private var started: [String: UInt64] = [:]

    init(terminal: Terminal = .current, timings: Bool = false) {
        self.enabled = terminal.stderrIsTerminal
        self.timings = timings
    }

    func update(_ phase: String, completed: Int, total: Int?, unit: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if timings {
            lock.lock()
            if started[phase] == nil { started[phase] = now }
            lock.unlock()
        }
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        // Redraw at most ten times a second.
        guard now - lastDraw > 100_000_000 || completed == total else { return }
        lastDraw = now
        var line = "\r\u{1B}[2K" + phase + " "
        if let total, total > 0 {
            let fraction = min(1, Double(completed) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            line += "\(Int(fraction * 100))% (\(format(completed, unit: unit)) / \(format(total, unit: unit)))"
        } else {
            line += format(completed, unit: unit)
        }
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish(_ phase: String) {
        lock.lock()
        defer { lock.unlock() }
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        if timings, let start = started.removeValue(forKey: phase) {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            FileHandle.standardError.write(Data((String(format: "%8.2f s  ", seconds) + phase + "\n").utf8))
        }
    }

    private func format(_ value: Int, unit: String) -> String {
        guard unit == "bytes" else { return "\(value) \(unit)" }
        let mb = Double(value) / 1_048_576
        return mb >= 1 ? String(format: "%.1f MB", mb) : "\(value / 1024) KB"
    }
}

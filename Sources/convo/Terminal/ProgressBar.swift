import ConvoBase
import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
final class ProgressBar: ProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var lastDraw: UInt64 = 0

    init(terminal: Terminal = .current) {
        self.enabled = terminal.stderrIsTerminal
    }

    func update(_ phase: String, completed: Int, total: Int?, unit: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
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
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    private func format(_ value: Int, unit: String) -> String {
        guard unit == "bytes" else { return "\(value) \(unit)" }
        let mb = Double(value) / 1_048_576
        return mb >= 1 ? String(format: "%.1f MB", mb) : "\(value / 1024) KB"
    }
}

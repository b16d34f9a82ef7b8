import ConvoBase
import Foundation

/// What the process is attached to, decided once at start-up: colour and progress bars only on
/// a terminal, and never colour when `NO_COLOR` is set (https://no-color.org).
struct Terminal: Sendable {
    let stdoutIsTerminal: Bool
    let stderrIsTerminal: Bool
    let colorAllowed: Bool

    static let current: Terminal = {
        let environment = ProcessInfo.processInfo.environment
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Terminal(stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
                        stderrIsTerminal: isatty(STDERR_FILENO) == 1,
                        colorAllowed: !noColor && !dumb)
    }()

    var stdoutColor: Bool { stdoutIsTerminal && colorAllowed }
    var stderrColor: Bool { stderrIsTerminal && colorAllowed }
}

/// ANSI styles, applied only when the destination is a colour terminal.
enum Style: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"

    func apply(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}

/// Writes text to stderr unbuffered.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

import ArgumentParser
import ConvoBase
import Foundation

/// The one place errors become text and exit statuses: `error: FILE:LINE: message`, then
/// `hint: …` lines, on stderr.
enum ErrorRenderer {
    static func render(_ error: any Error, terminal: Terminal = .current) -> Int32 {
        let color = terminal.stderrColor
        switch error {
        case let diagnostics as DiagnosticsError:
            for diagnostic in diagnostics.diagnostics { printError(styled(diagnostic, color: color)) }
            printError(styled(Diagnostic(.error, diagnostics.message), color: color))
            return diagnostics.exitStatus.rawValue
        case let userFacing as any UserFacingError:
            printError(styled(Diagnostic(error: userFacing), color: color))
            return userFacing.exitStatus.rawValue
        case let exit as ExitCode:
            return exit.rawValue
        default:
            break
        }
        // ArgumentParser's own: help, version and completion output (success), usage mistakes.
        let code = Convo.exitCode(for: error)
        if code == .success {
            let text = Convo.fullMessage(for: error)
            if !text.isEmpty { print(text) }
            return 0
        }
        if code == .validationFailure {
            printError(styled(usageDiagnostic(Convo.fullMessage(for: error)), color: color))
            return ExitStatus.usage.rawValue
        }
        let message = Convo.message(for: error)
        printError(styled(Diagnostic(.error, message.isEmpty ? String(describing: error) : message), color: color))
        return code == .failure ? ExitStatus.finding.rawValue : code.rawValue
    }

    /// ArgumentParser's usage error (`Error: …`, `Help: …`, `Usage: …`, `See '…' for more
    /// information.`) in the one format: the error, then each of the rest as a hint.
    static func usageDiagnostic(_ text: String) -> Diagnostic {
        var message = ""
        var hints: [String] = []
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            if message.isEmpty, line.hasPrefix("Error: ") {
                message = String(line.dropFirst("Error: ".count))
                // "Unknown option '--bogus'. Did you mean '--out'?" → the question becomes a hint.
                if let range = message.range(of: ". Did you mean ") {
                    hints.append("did you mean " + message[range.upperBound...])
                    message = String(message[..<range.lowerBound])
                }
            } else if line.hasPrefix("Help: ") {
                hints.append(line.dropFirst("Help: ".count).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("Usage: ") {
                hints.append("usage: " + line.dropFirst("Usage: ".count))
            } else if line.hasPrefix("See ") {
                hints.append("see" + line.dropFirst("See".count).trimmingCharacters(in: CharacterSet(charactersIn: ".")))
            } else {
                hints.append(line)
            }
        }
        if let unexpected = subcommandSuggestion(for: message) { hints.insert(unexpected, at: 0) }
        return Diagnostic(.error, message.isEmpty ? "invalid usage" : lowercasedFirstWord(message), hints: hints)
    }

    /// `convo stauts` → "did you mean 'stats'?", for a word in place of a top-level command.
    static func subcommandSuggestion(for message: String) -> String? {
        let prefix = "Unexpected argument '"
        guard message.hasPrefix(prefix), message.hasSuffix("'") else { return nil }
        let word = String(message.dropFirst(prefix.count).dropLast())
        let names = Convo.configuration.subcommands.map { $0._commandName }
        guard !names.contains(word), let close = Suggestions.closest(to: word, in: names).first else { return nil }
        return "did you mean '\(close)'?"
    }

    /// "Missing expected argument" → "missing expected argument", as convo's own messages read;
    /// a word in capitals (`URL`) is left alone.
    static func lowercasedFirstWord(_ text: String) -> String {
        guard let first = text.first, first.isUppercase else { return text }
        let second = text.dropFirst().first
        guard second.map({ !$0.isUppercase }) ?? true else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// Prints a warning or note that does not stop the command, in the same format, on stderr.
    static func report(_ diagnostic: Diagnostic, terminal: Terminal = .current) {
        printError(styled(diagnostic, color: terminal.stderrColor))
    }

    static func styled(_ diagnostic: Diagnostic, color: Bool) -> String {
        guard color else { return diagnostic.rendered() }
        var text = diagnostic.rendered()
        let label = diagnostic.severity.rawValue + ":"
        let style: Style = diagnostic.severity == .error ? .red : (diagnostic.severity == .warning ? .yellow : .cyan)
        if text.hasPrefix(label) { text = Style.bold.apply(style.apply(label, enabled: true), enabled: true) + text.dropFirst(label.count) }
        return text.replacingOccurrences(of: "\nhint:", with: "\n" + Style.cyan.apply("hint:", enabled: true))
    }
}

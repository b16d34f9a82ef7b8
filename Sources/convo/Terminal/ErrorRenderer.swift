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
        // ArgumentParser's own errors: help, version, and usage mistakes.
        let code = Convo.exitCode(for: error)
        let message = Convo.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        if code == .validationFailure {
            printError(message)
            return ExitStatus.usage.rawValue
        }
        printError(styled(Diagnostic(.error, message.isEmpty ? String(describing: error) : message), color: color))
        return code == .failure ? ExitStatus.finding.rawValue : code.rawValue
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

import ConvoBase

/// `HOST:PORT` from `serve.listen` or `--listen`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    /// 0 asks the system for a free port.
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`, `[IPV6]:PORT` or `:PORT` (all interfaces).
    public init(parsing text: String) throws(ConvoError) {
        let hint = "write HOST:PORT, for example 127.0.0.1:4318"
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ConvoError.usage("'\(text)' is not a listen address", hints: [hint])
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw ConvoError.usage("'\(text)' has no port", hints: [hint])
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if host.isEmpty { host = "0.0.0.0" }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ConvoError.usage("'\(portText)' in '\(text)' is not a port number (0-65535)", hints: [hint])
        }
        self.init(host: String(host), port: port)
    }

    /// Loopback addresses only accept connections from this machine, so an unauthenticated
    /// server there is reachable only by local processes.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

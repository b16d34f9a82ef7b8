/// The capture token check. The comparison takes the same time whatever the first differing
/// byte, so the token cannot be guessed byte by byte from response times.
struct TokenCheck: Sendable {
    /// nil: no token configured (loopback only; `CaptureServer` refuses otherwise).
    let token: [UInt8]?

    init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    enum Outcome {
        case allowed
        case missing
        case wrong
    }

    /// `Authorization: Bearer <token>`.
    func bearer(_ header: String?) -> Outcome {
        guard let token else { return .allowed }
        guard let header, !header.isEmpty else { return .missing }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .wrong }
        return Self.equal(Array(parts[1].utf8), token) ? .allowed : .wrong
    }

    /// `X-Org-Id: <token>` (the Agnost SDK's only credential).
    func orgID(_ header: String?) -> Outcome {
        guard let token else { return .allowed }
        guard let header, !header.isEmpty else { return .missing }
        return Self.equal(Array(header.utf8), token) ? .allowed : .wrong
    }

    static func equal(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: given.count ^ expected.count)
        for index in 0..<expected.count {
            let byte = index < given.count ? given[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}

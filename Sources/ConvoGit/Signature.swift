internal import CLibgit2
public import ConvoBase

/// A moment as git records it: seconds since the epoch plus the author's UTC offset, which git
/// keeps so `git log` can show the local time the commit was made at.
public struct GitTime: Sendable, Hashable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64
    /// Minutes east of UTC (`+0530` is 330).
    public var offsetMinutes: Int

    public init(secondsSinceEpoch: Int64, offsetMinutes: Int = 0) {
        self.secondsSinceEpoch = secondsSinceEpoch
        self.offsetMinutes = offsetMinutes
    }

    public var timestamp: Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch) }

    /// The offset as git writes it: `+0100`, `-0530`.
    public var offsetText: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let minutes = abs(offsetMinutes)
        let hours = minutes / 60, rest = minutes % 60
        return sign + (hours < 10 ? "0" : "") + String(hours) + (rest < 10 ? "0" : "") + String(rest)
    }

    /// git's raw form, `1700000000 +0100` (what `git log --format=%ad --date=raw` prints).
    public var description: String { "\(secondsSinceEpoch) \(offsetText)" }
}

/// A name, an email and a time: an author or committer.
public struct Signature: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var email: String
    public var time: GitTime

    public init(name: String, email: String, time: GitTime) {
        self.name = name
        self.email = email
        self.time = time
    }

    /// `Name <email>`, as in trailers and `git log`.
    public var description: String { "\(name) <\(email)>" }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = value.name.map { String(cString: $0) } ?? ""
        email = value.email.map { String(cString: $0) } ?? ""
        time = GitTime(secondsSinceEpoch: value.when.time, offsetMinutes: Int(value.when.offset))
    }

    /// Lends a libgit2 signature built from this value; libgit2 validates the name and email
    /// (no angle brackets, no newlines, a non-empty name).
    func withGitSignature<R>(_ operation: String, _ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        // libgit2 checks angle brackets but not line breaks, which would corrupt the commit header.
        if (name + email).contains(where: { $0.isNewline || $0 == "\0" }) {
            throw GitError(operation: "\(operation): make signature", detail: "a name or email contains a line break or NUL",
                           kind: .invalidInput)
        }
        var pointer: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&pointer, name, email, time.secondsSinceEpoch, Int32(time.offsetMinutes)),
                  "\(operation): make signature '\(self)'")
        defer { git_signature_free(pointer) }
        guard let pointer else {
            throw GitError(operation: operation, detail: "libgit2 returned no signature", kind: .other)
        }
        return try body(pointer)
    }
}

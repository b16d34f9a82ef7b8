internal import ConvoBase
internal import Foundation

/// Whether a signature is for the person who wrote a change or the one who committed it; git
/// reads different environment variables for each.
public enum SignatureRole: Sendable {
    case author, committer

    var environmentPrefix: String { self == .author ? "GIT_AUTHOR_" : "GIT_COMMITTER_" }
    var configSection: String { self == .author ? "author" : "committer" }
}

extension Signature {
    /// The identity used when nothing is configured, so a commit in a bare CI container never
    /// fails for want of `user.name` (`git_signature_default` would).
    public static let botName = "convo"
    public static let botEmail = "convo@localhost"

    /// Works out who an author or committer is, field by field, in this order:
    /// 1. `CONVO_AUTHOR_NAME` / `CONVO_AUTHOR_EMAIL` (convo's own override, both roles);
    /// 2. `GIT_AUTHOR_*` or `GIT_COMMITTER_*`, which outrank config as they do for `git commit`;
    /// 3. config `author.*`/`committer.*`, then `user.name`/`user.email`;
    /// 4. the bot identity.
    /// The time is `GIT_AUTHOR_DATE`/`GIT_COMMITTER_DATE` when set (for reproducible demos),
    /// else `now`.
    /// - Throws: `ConvoError.usage` when a date variable is set but unreadable.
    public static func resolve(_ role: SignatureRole, environment: [String: String],
                               config: (String) -> String?, now: GitTime) throws -> Signature {
        func pick(_ field: String, bot: String) -> String {
            let candidates = [
                environment["CONVO_AUTHOR_\(field.uppercased())"],
                environment[role.environmentPrefix + field.uppercased()],
                config("\(role.configSection).\(field)"),
                config("user.\(field)"),
            ]
            for case let value? in candidates {
                let trimmed = value.trimmingSpaces()
                if !trimmed.isEmpty { return trimmed }
            }
            return bot
        }
        var time = now
        let dateVariable = role.environmentPrefix + "DATE"
        if let text = environment[dateVariable], !text.trimmingSpaces().isEmpty {
            guard let parsed = GitTime(gitDate: text) else {
                throw ConvoError.usage("\(dateVariable) is not a date git understands: '\(text)'",
                                       hints: ["use '@1700000000 +0000', '2026-11-20T10:02:11+01:00' or "
                                               + "'Fri, 20 Nov 2026 10:02:11 +0100'"])
            }
            time = parsed
        }
        return Signature(name: pick("name", bot: botName), email: pick("email", bot: botEmail), time: time)
    }
}

extension GitTime {
    /// The current time with the local UTC offset, as `git commit` records it.
    public static func now() -> GitTime {
        let date = Date()
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return GitTime(secondsSinceEpoch: seconds, offsetMinutes: TimeZone.current.secondsFromGMT(for: date) / 60)
    }

    /// Reads the date forms git accepts in `GIT_AUTHOR_DATE`: its raw `@1700000000 +0100` (the
    /// `@` optional), ISO 8601 (`2026-11-20T10:02:11+01:00`, `2026-11-20 10:02:11 +0100`, `Z`),
    /// and RFC 2822 (`Fri, 20 Nov 2026 10:02:11 +0100`). A time without an offset is UTC.
    public init?(gitDate text: String) {
        let trimmed = text.trimmingSpaces()
        if let raw = GitTime.parseRaw(trimmed) {
            self = raw
        } else if let iso = GitTime.parseISO(trimmed) {
            self = iso
        } else if let rfc = GitTime.parseRFC2822(trimmed) {
            self = rfc
        } else {
            return nil
        }
    }

    private static func parseRaw(_ text: String) -> GitTime? {
        var body = Substring(text)
        let hadAt = body.first == "@"
        if hadAt { body = body.dropFirst() }
        let parts = body.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), parts[0].allSatisfy(\.isASCIIDigit), let seconds = Int64(parts[0]) else {
            return nil
        }
        if parts.count == 1 {
            // Bare digits only with the `@` marker: "20261120" would otherwise read as seconds.
            return hadAt ? GitTime(secondsSinceEpoch: seconds) : nil
        }
        guard let offset = parseOffset(parts[1]) else { return nil }
        return GitTime(secondsSinceEpoch: seconds, offsetMinutes: offset)
    }

    /// `Z`, `+0100`, `+01:00`, `+01`, `-0530`.
    private static func parseOffset(_ text: Substring) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy(\.isASCIIDigit), digits.count == 2 || digits.count == 4,
              let hours = Int(digits.prefix(2)), let minutes = Int(digits.dropFirst(2).isEmpty ? "0" : String(digits.dropFirst(2))),
              hours <= 14, minutes < 60 else { return nil }
        let total = hours * 60 + minutes
        return sign == "-" ? -total : total
    }

    private static func parseISO(_ text: String) -> GitTime? {
        let chars = Array(text)
        guard chars.count >= 16, chars[4] == "-", chars[7] == "-", chars[10] == "T" || chars[10] == " " || chars[10] == "t",
              let year = Int(String(chars[0..<4])), let month = Int(String(chars[5..<7])),
              let day = Int(String(chars[8..<10])) else { return nil }
        var rest = Substring(String(chars[11...]))
        guard let (seconds, remainder) = parseClock(rest) else { return nil }
        rest = remainder
        if rest.first == "." || rest.first == "," {
            rest = rest.dropFirst().drop(while: \.isASCIIDigit)
        }
        rest = rest.drop(while: { $0 == " " })
        var offset = 0
        if !rest.isEmpty {
            guard let parsed = parseOffset(rest) else { return nil }
            offset = parsed
        }
        return make(year: year, month: month, day: day, secondsOfDay: seconds, offset: offset)
    }

    private static func parseRFC2822(_ text: String) -> GitTime? {
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        if let first = words.first, first.count == 3, first.allSatisfy(\.isLetter) { words.removeFirst() }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard words.count == 5, let day = Int(words[0]),
              let monthIndex = months.firstIndex(of: words[1].lowercased()), let year = Int(words[2]),
              let (seconds, remainder) = parseClock(words[3]), remainder.isEmpty,
              let offset = parseOffset(words[4]) else { return nil }
        return make(year: year, month: monthIndex + 1, day: day, secondsOfDay: seconds, offset: offset)
    }

    /// `HH:MM` or `HH:MM:SS` at the start of `text`; the seconds of the day and what follows.
    private static func parseClock(_ text: Substring) -> (Int, Substring)? {
        let chars = Array(text)
        guard chars.count >= 5, chars[2] == ":", let hours = Int(String(chars[0..<2])),
              let minutes = Int(String(chars[3..<5])), hours < 24, minutes < 60 else { return nil }
        var seconds = 0
        var used = 5
        if chars.count >= 8, chars[5] == ":", let value = Int(String(chars[6..<8])), value < 61 {
            seconds = value
            used = 8
        }
        return (hours * 3600 + minutes * 60 + seconds, Substring(String(chars[used...])))
    }

    private static func make(year: Int, month: Int, day: Int, secondsOfDay: Int, offset: Int) -> GitTime? {
        guard let date = Day(year: year, month: month, day: day) else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(secondsOfDay)
        return GitTime(secondsSinceEpoch: local - Int64(offset) * 60, offsetMinutes: offset)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

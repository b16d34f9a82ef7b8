/// An instant in UTC with millisecond precision.
///
/// convo keeps its own type instead of `Date` so that parsing and printing are exact and
/// identical on every platform: the same input always gives the same bytes out.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public init(secondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = secondsSinceEpoch * 1000
    }

    /// From OTLP's nanoseconds since the epoch.
    public init(nanosecondsSinceEpoch: UInt64) {
        self.millisecondsSinceEpoch = Int64(nanosecondsSinceEpoch / 1_000_000)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    public var day: Day { Day(daysSinceEpoch: Int(floorDiv(millisecondsSinceEpoch, 86_400_000))) }

    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + milliseconds)
    }

    public func adding(hours: Int) -> Timestamp { adding(milliseconds: Int64(hours) * 3_600_000) }

    public func adding(days: Int) -> Timestamp { adding(milliseconds: Int64(days) * 86_400_000) }

    /// ISO 8601 in UTC: `2026-11-20T10:02:11Z`, with `.123` only when there are milliseconds.
    public var iso8601: String {
        let ms = floorMod(millisecondsSinceEpoch, 86_400_000)
        let seconds = Int(ms / 1000)
        var text = day.iso8601 + "T" + pad2(seconds / 3600) + ":" + pad2(seconds / 60 % 60) + ":" + pad2(seconds % 60)
        let fraction = Int(ms % 1000)
        if fraction != 0 {
            text += "." + String(String(fraction + 1000).dropFirst())
        }
        return text + "Z"
    }

    public var description: String { iso8601 }

    /// Parses ISO 8601 / RFC 3339 timestamps as exporters write them: `2026-11-20T10:02:11Z`,
    /// fractional seconds of any length, `+02:00` offsets, a space instead of `T`, or a bare date
    /// (midnight UTC). A time without an offset is taken as UTC.
    public init?(iso8601 text: String) {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 { bytes.removeLast() }
        guard bytes.count >= 10, let day = Day.parse(bytes[0..<10]) else { return nil }
        var millis = Int64(day.daysSinceEpoch) * 86_400_000
        if bytes.count == 10 {
            self.init(millisecondsSinceEpoch: millis)
            return
        }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20,
              bytes.count >= 16,
              let hour = digits(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = digits(bytes, 14, 2),
              hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count && bytes[index] == UInt8(ascii: ":") {
            guard let s = digits(bytes, index + 1, 2), s <= 60 else { return nil }
            second = min(s, 59)
            index += 3
        }
        var fractionMillis = 0
        if index < bytes.count && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")) {
            index += 1
            var scale = 100
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fractionMillis += Int(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        millis += Int64(hour * 3600 + minute * 60 + second) * 1000 + Int64(fractionMillis)
        if index < bytes.count {
            let zone = bytes[index]
            if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
                index += 1
            } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
                guard let offsetHours = digits(bytes, index + 1, 2) else { return nil }
                var offsetMinutes = 0
                var next = index + 3
                if next < bytes.count && bytes[next] == UInt8(ascii: ":") { next += 1 }
                if next < bytes.count {
                    guard let m = digits(bytes, next, 2) else { return nil }
                    offsetMinutes = m
                    next += 2
                }
                let offset = Int64(offsetHours * 60 + offsetMinutes) * 60_000
                millis += zone == UInt8(ascii: "+") ? -offset : offset
                index = next
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        self.init(millisecondsSinceEpoch: millis)
    }
}

/// A calendar day (proleptic Gregorian, UTC).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let day = Day.parse(bytes[0..<10]) else { return nil }
        self = day
    }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Day? {
        let b = Array(bytes)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2)
        else { return nil }
        return Day(year: year, month: month, day: day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var start: Timestamp { Timestamp(millisecondsSinceEpoch: Int64(daysSinceEpoch) * 86_400_000) }

    public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    public var weekday: Int { Int(floorMod(Int64(daysSinceEpoch) + 3, 7)) + 1 }

    /// The ISO 8601 week this day falls in.
    public var isoWeek: ISOWeek {
        let thursday = adding(days: 4 - weekday)
        let year = thursday.components.year
        let firstOfYear = Day(year: year, month: 1, day: 1) ?? thursday
        let week = (thursday.daysSinceEpoch - firstOfYear.daysSinceEpoch) / 7 + 1
        return ISOWeek(year: year, week: week)
    }

    public var iso8601: String {
        let c = components
        return pad4(c.year) + "-" + pad2(c.month) + "-" + pad2(c.day)
    }

    public var description: String { iso8601 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// An ISO 8601 week such as `2026-W47`, the unit of the `weekly` block in intent files.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// Parses `2026-W47`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]),
              parts[1].count == 3, parts[1].first == "W", let week = Int(parts[1].dropFirst()),
              (1...53).contains(week)
        else { return nil }
        self.init(year: year, week: week)
        guard monday.isoWeek == self else { return nil }
    }

    /// The Monday that starts this week.
    public var monday: Day {
        let jan4 = Day(year: year, month: 1, day: 4) ?? Day(daysSinceEpoch: 0)
        return jan4.adding(days: 1 - jan4.weekday + (week - 1) * 7)
    }

    public func adding(weeks: Int) -> ISOWeek { monday.adding(days: 7 * weeks).isoWeek }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    public var description: String { pad4(year) + "-W" + pad2(week) }
}

private func digits<C: RandomAccessCollection>(_ bytes: C, _ offset: Int, _ count: Int) -> Int? where C.Element == UInt8, C.Index == Int {
    let start = bytes.startIndex + offset
    guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
    var value = 0
    for i in start..<(start + count) {
        let byte = bytes[i]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
    }
    return value
}

private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

private func pad4(_ value: Int) -> String {
    let text = String(value)
    return text.count >= 4 ? text : String(repeating: "0", count: 4 - text.count) + text
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

private func floorMod(_ a: Int64, _ b: Int64) -> Int64 {
    let m = a % b
    return m < 0 ? m + b : m
}

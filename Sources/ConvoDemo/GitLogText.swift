import ConvoBase
import ConvoGit

/// `git log -1` as git prints it (the default "medium" format, no decorations, as when the
/// output is not a terminal), from a commit read through libgit2.
public enum GitLogText {
    public static func medium(_ commit: CommitInfo) -> String {
        var lines = ["commit \(commit.id)"]
        if commit.isMerge {
            lines.append("Merge: " + commit.parents.map { $0.abbreviated() }.joined(separator: " "))
        }
        lines.append("Author: \(commit.author.name) <\(commit.author.email)>")
        lines.append("Date:   \(date(commit.author.time))")
        lines.append("")
        var message = commit.message
        while message.hasSuffix("\n") { message.removeLast() }
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append("    \(line)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// git's "normal" date: `Sun Nov 22 17:00:00 2026 +0000`, in the commit's own offset.
    static func date(_ time: GitTime) -> String {
        let local = Timestamp(secondsSinceEpoch: time.secondsSinceEpoch + Int64(time.offsetMinutes) * 60)
        let day = local.day
        let (year, month, dayOfMonth) = day.components
        let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let secondsOfDay = Int((local.millisecondsSinceEpoch / 1000) % 86_400 + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let clock = "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))"
        let offset = abs(time.offsetMinutes)
        let zone = (time.offsetMinutes < 0 ? "-" : "+") + two(offset / 60) + two(offset % 60)
        return "\(weekdays[day.weekday - 1]) \(months[month - 1]) \(dayOfMonth) \(clock) \(year) \(zone)"
    }
}

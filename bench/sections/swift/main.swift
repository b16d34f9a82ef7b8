// Measures changed-sections over 1,000 synthetic commits of the worked example (what the
// pre-push hook does for a long push), against baselines measured in the same run:
// splitting and comparing lines (the least any diff does) and Yams parsing alone.
import ConvoSections
import Foundation
import Yams

struct Generator {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

func read(_ path: String) -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
}

/// One edit per commit to one of the three files: a changed line, an inserted line or a changed value.
func history(commits: Int) -> [[String]] {
    var generator = Generator(state: 42)
    var current = [read("prompts/support.md"), read("prompts/harness.yaml"), read("prompts/wandb/config-defaults.yaml")]
    var versions = [current]
    for commit in 0..<commits {
        let file = generator.next(3)
        var lines = current[file].components(separatedBy: "\n")
        let line = generator.next(lines.count)
        if file == 0 {
            if lines[line].hasPrefix("#") || lines[line].hasPrefix("```") { continue }
            if generator.next(2) == 0 { lines[line] += " (edit \(commit))" } else { lines.insert("Added in \(commit).", at: line) }
        } else if let colon = lines[line].range(of: ": "), !lines[line].contains("{"),
                  lines[line][..<colon.lowerBound].allSatisfy({ $0 == " " || $0 == "_" || $0.isLowercase }),
                  !lines[line][colon.upperBound...].hasPrefix(">"), !lines[line][colon.upperBound...].hasPrefix("|") {
            lines[line] = String(lines[line][..<colon.upperBound]) + "\(commit)"
        }
        current[file] = lines.joined(separator: "\n")
        versions.append(current)
    }
    return versions
}

func time(_ body: () throws -> Int) rethrows -> (seconds: Double, result: Int) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, result)
}

let paths = ["prompts/support.md", "prompts/harness.yaml", "prompts/wandb/config-defaults.yaml"]
let versions = history(commits: 1000)
let pairs = zip(versions, versions.dropFirst()).map { ($0, $1) }
print("commits: \(pairs.count), files per commit: 3, support.md lines: \(versions[0][0].components(separatedBy: "\n").count)")

var rows: [(String, [Double], Int)] = []
for round in 0..<3 {
    let sections = try time {
        var changed = 0
        for (old, new) in pairs {
            for (index, path) in paths.enumerated() where old[index] != new[index] {
                changed += try SectionDiff.changes(path: path, old: old[index], new: new[index]).count
            }
        }
        return changed
    }
    let markdown = try time {
        var changed = 0
        for (old, new) in pairs where old[0] != new[0] {
            changed += try SectionDiff.changes(path: paths[0], old: old[0], new: new[0]).count
        }
        return changed
    }
    let lines = time {
        var changed = 0
        for (old, new) in pairs {
            for index in paths.indices where old[index] != new[index] {
                let a = old[index].split(separator: "\n", omittingEmptySubsequences: false)
                let b = new[index].split(separator: "\n", omittingEmptySubsequences: false)
                changed += Set(a).symmetricDifference(Set(b)).count
            }
        }
        return changed
    }
    let yams = try time {
        var nodes = 0
        for (old, new) in pairs {
            for index in 1...2 where old[index] != new[index] {
                nodes += try Yams.compose(yaml: old[index]) == nil ? 0 : 1
                nodes += try Yams.compose(yaml: new[index]) == nil ? 0 : 1
            }
        }
        return nodes
    }
    if round == 0 {
        rows = [("changed sections (parse both versions + diff)", [], sections.result),
                ("  of which Markdown (support.md)", [], markdown.result),
                ("baseline: split lines + set difference", [], lines.result),
                ("baseline: Yams.compose of the YAML versions only", [], yams.result)]
    }
    rows[0].1.append(sections.seconds)
    rows[1].1.append(markdown.seconds)
    rows[2].1.append(lines.seconds)
    rows[3].1.append(yams.seconds)
}
for (name, seconds, result) in rows {
    let best = seconds.min() ?? 0
    let runs = seconds.map { String(format: "%.1f", $0 * 1000) }.joined(separator: ", ")
    print(String(format: "%-50@ best %7.1f ms  (%.0f µs/commit; runs: %@ ms; result %d)",
                 name as NSString, best * 1000, best * 1e6 / Double(pairs.count), runs as NSString, result))
}

// convo-cluster-lab: clusters a JSONL file with ConvoCluster and writes `{"id", "cluster"}`
// lines, for tuning on labelled datasets and for bench/cluster/run. A developer tool, not a
// product: `convo cluster` is what users run.
import ConvoBase
import ConvoCluster
import ConvoModel
import Foundation

struct LabError: Error, CustomStringConvertible {
    var description: String
}

/// Prints how long each phase took, for finding where time goes.
final class PhaseTimer: ProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var started: [String: (wall: Date, cpu: Double)] = [:]

    func update(_ phase: String, completed: Int, total: Int?, unit: String) {
        lock.withLock { if started[phase] == nil { started[phase] = (Date(), cpuSeconds()) } }
    }

    func finish(_ phase: String) {
        lock.withLock {
            guard let start = started.removeValue(forKey: phase) else { return }
            let line = "  " + phase.padding(toLength: 34, withPad: " ", startingAt: 0)
                + String(format: "%7.2f s wall %7.2f s cpu\n", Date().timeIntervalSince(start.wall), cpuSeconds() - start.cpu)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

/// User + system CPU time of the whole process, all threads.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: convo-cluster-lab INPUT.jsonl [--out PRED.jsonl] [--replicate N]
               [--resolution R] [--neighbors K] [--dimensions D] [--word-share W]
               [--min-size N] [--outlier-similarity S] [--discovery-limit N] [--rounds N] [--verbose]
               [--anchors PREVIOUS-PRED.jsonl] [--vectors FLOAT32-ROWS.bin (first)] [--dump-vectors OUT.f32]
        INPUT lines: {"id": ..., "text": ...} or convo conversations (with "turns").
        Prints seconds and cluster count to stderr; --replicate repeats the input N times
        (ids suffixed) to time larger inputs.

        """.utf8))
    exit(2)
}

func loadItems(_ path: String) throws -> [ClusteringItem] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var items: [ClusteringItem] = []
    let policy = ConversationTextPolicy()
    for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() where !line.isEmpty {
        let value = try JSONParser.parse(Array(line))
        if value["turns"] != nil {
            items.append(policy.item(for: try ConversationJSON.decode(value)))
        } else if let id = value["id"].flatMap({ $0.stringValue ?? $0.intValue.map(String.init) }), let text = value["text"]?.stringValue {
            items.append(ClusteringItem(id: id, text: text))
        } else {
            throw LabError(description: "\(path):\(number + 1): expected an object with id and text, or a conversation")
        }
    }
    return items
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let input = arguments.first, !input.hasPrefix("-") else { usage() }
arguments.removeFirst()
var output: String?
var replicate = 1
var settings = ClusteringSettings.lexical
var representation = BuiltinRepresentation()
var progress: any ProgressObserver = SilentProgress()
var anchorFile: String?
var vectorFile: String?
var dumpFile: String?
while let flag = arguments.first {
    arguments.removeFirst()
    if flag == "--verbose" {
        progress = PhaseTimer()
        continue
    }
    guard let value = arguments.first else { usage() }
    arguments.removeFirst()
    switch flag {
    case "--out": output = value
    case "--replicate": replicate = Int(value) ?? 1
    case "--resolution": settings.resolution = Double(value) ?? settings.resolution
    case "--neighbors": settings.neighbors = Int(value)
    case "--dimensions": representation.dimensions = Int(value) ?? representation.dimensions
    case "--word-share": representation.wordShare = Float(value) ?? representation.wordShare
    case "--min-size": settings.minClusterSize = Int(value) ?? settings.minClusterSize
    case "--outlier-similarity": settings.outlierSimilarity = Float(value) ?? settings.outlierSimilarity
    case "--discovery-limit": settings.discoveryLimit = Int(value) ?? settings.discoveryLimit
    case "--rounds": settings.refinementRounds = Int(value) ?? settings.refinementRounds
    case "--outlier-deviations": settings.outlierDeviations = Float(value).flatMap { $0 > 0 ? $0 : nil }
    case "--duplicate-similarity": settings.duplicateSimilarity = Float(value) ?? settings.duplicateSimilarity
    case "--anchors": anchorFile = value
    case "--dump-vectors": dumpFile = value
    case "--vectors":
        // Dense vectors instead of the built-in representation; put it first, since it also
        // switches to the dense-vector settings that later flags adjust.
        vectorFile = value
        settings = .denseEmbeddings
    case "--power": representation.powerIterations = Int(value) ?? representation.powerIterations
    default: usage()
    }
}

do {
    let loadStart = Date()
    var items = try loadItems(input)
    if progress is PhaseTimer {
        FileHandle.standardError.write(Data(String(format: "  reading the input %.2f s\n", Date().timeIntervalSince(loadStart)).utf8))
    }
    if replicate > 1 {
        let base = items
        items = (0..<replicate).flatMap { copy in base.map { ClusteringItem(id: "\($0.id)#\(copy)", parts: $0.parts) } }
    }
    var anchors: [String: String] = [:]
    if let anchorFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: anchorFile))
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let value = try JSONParser.parse(Array(line))
            if let id = value["id"]?.stringValue, let cluster = value["cluster"]?.intValue { anchors[id] = "c\(cluster)" }
        }
    }
    let start = Date()
    let clusterer = Clusterer(settings: settings, anchors: anchors)
    let result: ClusteringResult
    if let vectorFile {
        let data = try Data(contentsOf: URL(fileURLWithPath: vectorFile))
        let floats = data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        guard !items.isEmpty, floats.count % items.count == 0, let vectors = DenseRows(
            rows: stride(from: 0, to: floats.count, by: floats.count / items.count).map { Array(floats[$0..<($0 + floats.count / items.count)]) },
            dimension: floats.count / items.count) else {
            throw LabError(description: "\(vectorFile): \(floats.count) floats do not make one row per item (\(items.count))")
        }
        result = try clusterer.cluster(items, vectors: vectors, progress: progress)
    } else {
        result = clusterer.cluster(items, representation: representation, progress: progress)
    }
    let seconds = Date().timeIntervalSince(start)
    FileHandle.standardError.write(Data(String(format: "items %d  clusters %d  assigned %d  cpu %.2f  seconds %.2f\n",
                                               items.count, result.clusters.count, result.assignedCount, cpuSeconds(), seconds).utf8))
    if let dumpFile, let space = result.space {
        // The items' vectors in the fitted space, raw float32 rows (the --vectors format), for analysis.
        let vectors = space.vectors(for: items)
        try vectors.values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: dumpFile))
    }
    if let output {
        var text = ""
        for (id, cluster) in zip(result.ids, result.assignments) {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("id")
            writer.string(id)
            writer.key("cluster")
            if let cluster { writer.int(cluster) } else { writer.null() }
            writer.endObject()
            text += writer.string + "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: output))
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

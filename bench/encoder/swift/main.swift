// Times the Swift encoder on a JSONL file of texts: model load, then sentences per second over
// several passes, and the process's peak RSS. Prints one JSON object; `bench/encoder/run` drives it.
//
//   convo-encoder-bench MODEL_DIR TEXTS.jsonl [--threads N] [--blas-threads N] [--batch-tokens N]
//                       [--passes N] [--vectors OUT.f32]
import ConvoBase
import ConvoEncoder
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("convo-encoder-bench: \(message)\n".utf8))
    exit(2)
}

/// Positional arguments and `--name value` options.
struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]

    init(_ words: [String]) {
        var index = 0
        while index < words.count {
            if words[index].hasPrefix("--"), index + 1 < words.count {
                options[words[index]] = words[index + 1]
                index += 2
            } else {
                positional.append(words[index])
                index += 1
            }
        }
    }

    func int(_ name: String) -> Int? { options[name].flatMap { Int($0) } }
}

let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
let defaults = LocalEncoder.Options()
let options = LocalEncoder.Options(threads: arguments.int("--threads") ?? defaults.threads,
                                   blasThreads: arguments.int("--blas-threads") ?? defaults.blasThreads,
                                   maxBatchTokens: arguments.int("--batch-tokens") ?? defaults.maxBatchTokens)
let passes = arguments.int("--passes") ?? 3
let vectorsPath = arguments.options["--vectors"]
guard arguments.positional.count == 2 else { fail("usage: convo-encoder-bench MODEL_DIR TEXTS.jsonl [options]") }
let modelPath = arguments.positional[0]
let textsPath = arguments.positional[1]

var texts: [String] = []
do {
    let content = try String(contentsOfFile: textsPath, encoding: .utf8)
    for line in content.split(separator: "\n") {
        guard let text = try JSONParser.parse(String(line))["text"]?.stringValue else { fail("a line has no text") }
        texts.append(text)
    }
} catch {
    fail("\(error)")
}

let loadStart = Date()
let encoder: LocalEncoder
do {
    encoder = try LocalEncoder(modelDirectory: URL(fileURLWithPath: modelPath), options: options)
} catch {
    fail("\(error)")
}
// The first call touches the weights (page faults) and sizes the buffers: count it as loading.
_ = encoder.encode(["warm up"])
let loadSeconds = Date().timeIntervalSince(loadStart)

/// User + system CPU seconds of the whole process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

var rates: [Double] = []
var cpuPerSentence: [Double] = []
var vectors: [[Float]] = []
for _ in 0..<passes {
    let start = Date()
    let cpuStart = cpuSeconds()
    vectors = encoder.encode(texts)
    rates.append(Double(texts.count) / Date().timeIntervalSince(start))
    cpuPerSentence.append((cpuSeconds() - cpuStart) / Double(texts.count) * 1000)
}
let tokenizeStart = Date()
let tokenCount = texts.reduce(0) { $0 + encoder.tokenize($1).count }
let tokenizeSeconds = Date().timeIntervalSince(tokenizeStart)

if let vectorsPath {
    var data = Data()
    for vector in vectors {
        vector.withUnsafeBytes { data.append(contentsOf: $0) }
    }
    do { try data.write(to: URL(fileURLWithPath: vectorsPath)) } catch { fail("\(error)") }
}

var usage = rusage()
#if os(Linux)
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
let peakRSSMegabytes = Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
#else
getrusage(RUSAGE_SELF, &usage)
let peakRSSMegabytes = Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
#endif
let report: JSONValue = .object([
    "engine": .string("swift"),
    "texts": .int(Int64(texts.count)),
    "tokens": .int(Int64(tokenCount)),
    "threads": .int(Int64(options.threads)),
    "blas_threads": .int(Int64(options.blasThreads)),
    "batch_tokens": .int(Int64(options.maxBatchTokens)),
    "load_seconds": .double(loadSeconds),
    "sentences_per_second": .array(rates.map { .double($0) }),
    "cpu_ms_per_sentence": .array(cpuPerSentence.map { .double($0) }),
    "tokenize_seconds": .double(tokenizeSeconds),
    "peak_rss_mb": .double(peakRSSMegabytes),
])
var writer = JSONWriter()
writer.value(report)
print(writer.string)

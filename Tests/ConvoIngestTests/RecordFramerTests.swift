import ConvoIngest
import Testing

/// What the framer emits, in a comparable form.
enum Framed: Equatable, CustomStringConvertible {
    case record([UInt8], line: Int)
    case oversize(line: Int, bytes: Int)
    case malformed(line: Int)

    static func record(_ text: String, line: Int) -> Framed { .record(Array(text.utf8), line: line) }

    var description: String {
        switch self {
        case .record(let bytes, let line): return "\(line): \(bytes.map { String($0, radix: 16) })"
        case .oversize(let line, let bytes): return "\(line): oversize \(bytes)"
        case .malformed(let line): return "\(line): malformed"
        }
    }
}

func frame(_ bytes: [UInt8], chunkSize: Int = 1 << 16, maxRecordBytes: Int = 1 << 20) -> [Framed] {
    var framer = RecordFramer(maxRecordBytes: maxRecordBytes)
    var out: [Framed] = []
    let sink: (FramerEvent) -> Void = { event in
        switch event {
        case .record(let bytes, let line): out.append(.record(Array(bytes), line: line))
        case .oversize(let line, let count): out.append(.oversize(line: line, bytes: count))
        case .malformed(let line, _, _): out.append(.malformed(line: line))
        }
    }
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + chunkSize)
        framer.feed(Array(bytes[start..<end]), sink)
        start = end
    }
    framer.finish(sink)
    return out
}

@Suite struct RecordFramerTests {
    let jsonl = "{\"a\":1}\r\n\n  \n{\"b\":\"x\\ny\"}\n{\"c\":[1,\n"

    @Test func jsonLinesWithCRLFBlankLinesAndNoFinalNewline() {
        #expect(frame(Array(jsonl.utf8)) == [.record("{\"a\":1}", line: 1), .record("{\"b\":\"x\\ny\"}", line: 4),
                                              .record("{\"c\":[1,", line: 5)])
    }

    @Test func chunkBoundariesDoNotMatter() {
        let inputs = [jsonl, "[\n {\"a\": [1, 2]},\n \"s]}\",\n 7\n]\n", "{\n  \"a\": {\"b\": \"}\"}\n}\n{\n  \"c\": 2\n}\n"]
        for input in inputs {
            let whole = frame(Array(input.utf8))
            for size in [1, 2, 3, 7] {
                #expect(frame(Array(input.utf8), chunkSize: size) == whole, "chunks of \(size): \(input)")
            }
        }
    }

    @Test func aJSONArrayFileYieldsItsElementsWithTheirLines() {
        let input = "[\n  {\"id\": 1},\n  {\"id\": [2,\n 3]},\n  \"text, with ] and }\"\n, 4]"
        #expect(frame(Array(input.utf8)) == [.record("{\"id\": 1}", line: 2), .record("{\"id\": [2,\n 3]}", line: 3),
                                              .record("\"text, with ] and }\"", line: 5), .record("4", line: 6)])
    }

    @Test func prettyPrintedObjectsOneAfterAnother() {
        let input = "\u{FEFF}{\n  \"id\": 1\n}\n\n{\n  \"id\": 2,\n  \"m\": {\"k\": \"{\"}\n}\n"
        #expect(frame(Array(input.utf8)) == [.record("{\n  \"id\": 1\n}", line: 1),
                                              .record("{\n  \"id\": 2,\n  \"m\": {\"k\": \"{\"}\n}", line: 5)])
    }

    @Test func anUnclosedValueIsCutAtTheNextObjectAtColumnZero() {
        let input = "{\n  \"id\": 1,\n  \"x\": [\n{\n  \"id\": 2\n}\n{\n \"id\": 3"
        #expect(frame(Array(input.utf8)) == [.malformed(line: 1), .record("{\n  \"id\": 2\n}", line: 4), .malformed(line: 7)])
    }

    @Test func anOversizeLineIsSkippedWithoutBeingHeld() {
        // 3 MB on one line with a 64 KB limit, fed in 4 KB chunks: skipped, counted, and the
        // framer's buffer never holds more than a limit and a chunk.
        var bytes = Array("{\"ok\":1}\n{\"big\":\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 3_000_000)
        bytes += Array("\"}\n{\"ok\":2}".utf8)
        let out = frame(bytes, chunkSize: 4096, maxRecordBytes: 65_536)
        #expect(out == [.record("{\"ok\":1}", line: 1), .oversize(line: 2, bytes: 3_000_010), .record("{\"ok\":2}", line: 3)])
    }

    @Test func anOversizeValueInAnArrayIsSkippedToo() {
        var bytes = Array("[{\"ok\":1},\n{\"big\":\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 200_000)
        bytes += Array("\"},\n{\"ok\":2}]".utf8)
        let out = frame(bytes, chunkSize: 1000, maxRecordBytes: 10_000)
        #expect(out == [.record("{\"ok\":1}", line: 1), .oversize(line: 2, bytes: 200_010), .record("{\"ok\":2}", line: 3)])
    }

    @Test func garbageIsFramedLineByLine() {
        #expect(frame(Array("hello world\n\u{1}\u{2}\nmore".utf8)) == [.record("hello world", line: 1), .record("\u{1}\u{2}", line: 2),
                                                                      .record("more", line: 3)])
    }
}

@Suite struct RecordFramerRobustnessTests {
    /// Random bytes biased towards JSON's structural characters: the framer always terminates,
    /// never emits more bytes than it was given, and gives the same records whatever the chunking.
    @Test func anyInputTerminatesAndChunkingNeverChangesTheResult() {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("{}[]\",:\\ \n\r\tab1".utf8) + [0x00, 0xFF, 0xEF, 0xBB, 0xBF]
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 300)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let whole = frame(bytes, maxRecordBytes: 64)
            let pieces = frame(bytes, chunkSize: 1 + Int(generator.next() % 9), maxRecordBytes: 64)
            #expect(pieces == whole, "input \(bytes.map { String($0, radix: 16) }), whole \(whole.count) pieces \(pieces.count)")
            let emitted = whole.reduce(0) { total, item in
                if case .record(let record, _) = item { return total + record.count }
                return total
            }
            #expect(emitted <= bytes.count)
        }
    }
}

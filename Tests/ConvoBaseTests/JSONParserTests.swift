import ConvoBase
import Testing

@Suite struct JSONParserTests {
    @Test func parsesNestedDocuments() throws {
        let value = try JSONParser.parse(#"{"a": [1, -2.5, true, null, "x\n\u00e9\ud83d\ude4f"], "b": {"c": 9007199254740993}}"#)
        #expect(value["a"] == .array([.int(1), .double(-2.5), .bool(true), .null, .string("x\né🙏")]))
        #expect(value["b"]?["c"] == .int(9_007_199_254_740_993))
    }

    @Test(arguments: [
        ("{", "unexpected end of input"),
        (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "expected a value"),
        ("01", "leading zero"),
        (#""abc"#, "unterminated string"),
        ("tru", "unexpected end of input in a literal"),
        (#"{"a":1} x"#, "unexpected content after"),
        (#""\x""#, "invalid escape"),
        ("\"a\u{01}\"", "control character"),
    ])
    func rejectsMalformedInput(text: String, expected: String) {
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            String(describing: error).contains(expected)
        }
    }

    @Test func rejectsInvalidUTF8WithPosition() {
        let bytes: [UInt8] = Array("{\"a\": \"ok".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("invalid UTF-8"))
            #expect(error.offset == 9)
            #expect(error.line == 1)
        }
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        #expect((try? JSONParser.parse(fine)) != nil)
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": ?\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
        }
    }

    @Test func writerIsDeterministicAndRoundTrips() throws {
        let value = JSONValue.object(["z": .int(1), "a": .array([.string("q\"\\\u{1}"), .double(0.5), .null]), "m": .bool(false)])
        #expect(value.jsonText == #"{"a":["q\"\\\u0001",0.5,null],"m":false,"z":1}"#)
        #expect(try JSONParser.parse(value.jsonText) == value)
    }

    @Test func writerPlacesCommasAfterKeys() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a"); writer.beginArray(); writer.int(1); writer.int(2); writer.endArray()
        writer.key("b"); writer.beginObject(); writer.key("c"); writer.string("d"); writer.endObject()
        writer.key("e"); writer.null()
        writer.endObject()
        #expect(writer.string == #"{"a":[1,2],"b":{"c":"d"},"e":null}"#)
    }
}

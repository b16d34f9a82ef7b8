import ConvoBase
@testable import ConvoOTLP
import Testing

@Suite struct OTLPDecodingTests {
    @Test("OTLP/JSON: hex ids in any case, int64 as strings or numbers, integer enums, unknown fields ignored")
    func jsonQuirks() throws {
        let body = #"""
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bot"}}]},"futureField":1,
          "scopeSpans":[{"scope":{"name":"lib"},"spans":[
            {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174","parentSpanId":"","name":"chat","kind":3,
             "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":1544712661000000000,"status":{},
             "attributes":[{"key":"n","value":{"intValue":"12"}},{"key":"m","value":{"intValue":13}},{"key":"d","value":{"doubleValue":"NaN"}},
                           {"key":"l","value":{"arrayValue":{"values":[{"kvlistValue":{"values":[{"key":"role","value":{"stringValue":"user"}}]}}]}}},
                           {"key":"b","value":{"bytesValue":"aGk="}}]}]}]}]}
        """#
        let batch = try OTLPDecoder.decodeTraces(Array(body.utf8), encoding: .json)
        let span = try #require(batch.spans.first)
        #expect(span.key == SpanKey(traceID: "5b8efff798038103d269b633813fc60c", spanID: "eee19b7ec3c1b174"))
        #expect(span.parentSpanID == nil)
        #expect(span.kind == 3)
        #expect(span.startTimeUnixNano == 1_544_712_660_000_000_000)
        #expect(span.endTimeUnixNano == 1_544_712_661_000_000_000)
        #expect(span.attributes["n"] == .int(12))
        #expect(span.attributes["m"] == .int(13))
        #expect(span.attributes["b"] == .bytes(Array("hi".utf8)))
        #expect(span.attributes["l"] == .array([.kvlist([KeyValue("role", .string("user"))])]))
        #expect(span.resource.string("service.name") == "bot")
        #expect(batch.rejected.isEmpty)
    }

    @Test("a span with a base64 or short id is rejected alone; the rest of the request is kept")
    func badIDsRejectOneSpan() throws {
        let body = #"{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"eee19b7ec3c1b174"},{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"abc"},{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":7},{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}]}"#
        let batch = try OTLPDecoder.decodeTraces(Array(body.utf8), encoding: .json)
        #expect(batch.spans.count == 1)
        #expect(batch.rejected.count == 3)
        #expect(batch.rejected[0].reason.contains("hex"))
        #expect(batch.rejected[2].reason.contains("name: expected a string"))
    }

    @Test("structural errors refuse the whole request", arguments: [
        "[]", #"{"resourceSpans":{}}"#, #"{"resourceSpans":[1]}"#, #"{"resourceSpans":[{"scopeSpans":"x"}]}"#, "{\"resourceSpans\": [", "\u{FEFF}{}",
    ])
    func structuralErrors(body: String) {
        #expect(throws: OTLPDecodingError.self) { try OTLPDecoder.decodeTraces(Array(body.utf8), encoding: .json) }
    }

    @Test("protobuf round trip through the generated messages; garbage and truncation refused")
    func protobuf() throws {
        let span = TelemetrySpan(key: SpanKey(traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "b7ad6b7169203331"),
                                 parentSpanID: "00f067aa0ba902b7", name: "chat", kind: 3, startTimeUnixNano: 10, endTimeUnixNano: 20,
                                 attributes: Attributes(["k": .kvlist([KeyValue("a", .array([.int(1), .bool(true), .double(2.5)]))])]),
                                 events: [SpanEvent(name: "gen_ai.user.message", timeUnixNano: 15, attributes: Attributes(["x": .string("y")]))])
        let bytes = OTLPRequestEncoder.traces([span])
        let decoded = try OTLPDecoder.decodeTraces(bytes, encoding: .protobuf)
        #expect(decoded.spans == [span])
        #expect(throws: OTLPDecodingError.self) { try OTLPDecoder.decodeTraces(Array(bytes.dropLast(3)), encoding: .protobuf) }
        #expect(throws: OTLPDecodingError.self) { try OTLPDecoder.decodeTraces([0xFF, 0xFF, 0xFF, 0xFF], encoding: .protobuf) }
        #expect(throws: OTLPDecodingError.self) { try OTLPDecoder.decodeLogs([0x0A, 0x05, 0x01], encoding: .protobuf) }
    }

    @Test("log records: event name from the field or the older event.name attribute")
    func logEventNames() throws {
        let body = #"{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"gen_ai.user.message","traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","body":{"kvlistValue":{"values":[{"key":"content","value":{"stringValue":"hi"}}]}}},{"attributes":[{"key":"event.name","value":{"stringValue":"gen_ai.choice"}}]}]}]}]}"#
        let batch = try OTLPDecoder.decodeLogs(Array(body.utf8), encoding: .json)
        #expect(batch.logRecords.map(\.eventName) == ["gen_ai.user.message", "gen_ai.choice"])
        #expect(batch.logRecords[0].span?.spanID == "eee19b7ec3c1b174")
        #expect(batch.logRecords[1].span == nil)
    }

    @Test("responses: empty on success, partial_success only with rejections, in the request's encoding")
    func responses() {
        #expect(OTLPResponse.traces(rejected: 0, message: nil, encoding: .protobuf).isEmpty)
        #expect(String(decoding: OTLPResponse.traces(rejected: 0, message: nil, encoding: .json), as: UTF8.self) == "{}")
        #expect(String(decoding: OTLPResponse.logs(rejected: 2, message: "bad", encoding: .json), as: UTF8.self)
            == #"{"partialSuccess":{"errorMessage":"bad","rejectedLogRecords":"2"}}"#)
        // field 1 (partial_success), length-delimited, holding rejected_spans = 3 (field 1, varint).
        #expect(Array(OTLPResponse.traces(rejected: 3, message: nil, encoding: .protobuf).prefix(4)) == [0x0A, 0x02, 0x08, 0x03])
        #expect(OTLPEncoding(contentType: "application/x-protobuf") == .protobuf)
        #expect(OTLPEncoding(contentType: "Application/JSON; charset=utf-8") == .json)
        #expect(OTLPEncoding(contentType: "text/plain") == nil)
    }
}

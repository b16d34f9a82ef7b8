import ConvoOTLP

/// Small OTLP requests built with the protobuf encoder.
enum OTLPFixtures {
    static func protobufTraces(conversation: String = "c-fixture") -> [UInt8] {
        let input = #"[{"role":"user","parts":[{"type":"text","content":"hello"}]}]"#
        let output = #"[{"role":"assistant","parts":[{"type":"text","content":"hi there"}]}]"#
        let span = TelemetrySpan(
            key: SpanKey(traceID: "0af7651916cd43dd8448eb211c80319c", spanID: "b7ad6b7169203331"),
            name: "chat gpt-4o-mini", kind: 3,
            startTimeUnixNano: 1_795_738_138_000_000_000, endTimeUnixNano: 1_795_738_139_500_000_000,
            attributes: Attributes(["gen_ai.conversation.id": .string(conversation), "gen_ai.input.messages": .string(input),
                                    "gen_ai.output.messages": .string(output)]))
        return OTLPRequestEncoder.traces([span])
    }
}

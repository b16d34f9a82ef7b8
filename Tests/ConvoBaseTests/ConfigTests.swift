import ConvoBase
import Testing

@Suite struct ConfigTests {
    @Test func emptyConfigGivesDefaults() throws {
        let config = try ConvoConfig.parse("")
        #expect(config == ConvoConfig())
        #expect(config.cluster.minSize == 5)
        #expect(config.rank.planWeights["enterprise"] == 8)
    }

    @Test func readsTheDesignExample() throws {
        let config = try ConvoConfig.parse("""
            store: sqlite:.convo/store.sqlite      # or postgres://user@host:5432/db
            governed: ["prompts/**"]
            serve:
              listen: 127.0.0.1:4318
              token_env: CONVO_INGEST_TOKEN
              max_body_bytes: 4194304
            embeddings:
              provider: builtin
            llm:
              base_url: http://127.0.0.1:11434/v1
              model: llama3.1
              api_key_env: OPENAI_API_KEY
            cluster:
              min_size: 7
            rank:
              plan_weights: {free: 1, trial: 3, pro: 4, enterprise: 8}
              churn_window_hours: 48
              stage_bands_days: {onboarding: 7, activation: 30}
              stage_weights: {onboarding: 3, activation: 2, established: 1}
              fix_cost: {prompt: 1, config: 2, harness: 3}
            propose:
              max_conversation_trailers: 20
            redaction:
              patterns: ['ACME-\\d{6}']
            """)
        #expect(config.cluster.minSize == 7)
        #expect(config.llm == LLMSettings(baseURL: "http://127.0.0.1:11434/v1", model: "llama3.1", apiKeyEnv: "OPENAI_API_KEY"))
        #expect(config.redaction.patterns == ["ACME-\\d{6}"])
        #expect(config.isGoverned("prompts/support.md"))
        #expect(!config.isGoverned("README.md"))
    }

    @Test func unknownKeyNamesLineAndSuggests() {
        do {
            _ = try ConvoConfig.parse("store: sqlite:x\nclustr:\n  min_size: 3\n", file: ".convo/config.yaml")
            Issue.record("accepted an unknown key")
        } catch {
            #expect(error.location == SourceLocation(file: ".convo/config.yaml", line: 2))
            #expect(error.message.contains("clustr"))
            #expect(error.hints.first == "did you mean 'cluster'?")
        }
    }

    @Test func wrongTypeNamesTheField() {
        do {
            _ = try ConvoConfig.parse("cluster:\n  min_size: many\n")
            Issue.record("accepted a string for min_size")
        } catch {
            #expect(error.message == "field 'cluster.min_size' must be a whole number")
            #expect(error.location?.line == 2)
        }
    }

    @Test func invalidYAMLIsLocated() {
        do {
            _ = try ConvoConfig.parse("rank:\n  plan_weights: {free: 1\n")
            Issue.record("accepted broken YAML")
        } catch {
            #expect(error.message.hasPrefix("invalid YAML"))
            #expect(error.location?.line != nil)
        }
    }
}

@Suite struct InflaterTests {
    @Test func roundTripsAndConcatenatesMembers() throws {
        let text = Array(String(repeating: "hello convo ", count: 10_000).utf8)
        let gz = Deflater.gzip(text)
        #expect(Inflater.isGzip(gz))
        #expect(try Inflater.inflate(gz, limit: 1 << 20) == text)
        #expect(try Inflater.inflate(gz + gz, limit: 1 << 20) == text + text)
    }

    @Test func detectsTruncationCorruptionAndBombs() {
        let gz = Deflater.gzip(Array(repeating: 0x41, count: 1_000_000))
        #expect(throws: DecompressionError.truncated) { try Inflater.inflate(Array(gz.prefix(gz.count / 2)), limit: 10_000_000) }
        #expect(throws: DecompressionError.tooLarge(limit: 1000)) { try Inflater.inflate(gz, limit: 1000) }
        var corrupt = gz
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        #expect(throws: DecompressionError.self) { try Inflater.inflate(corrupt, limit: 10_000_000) }
        #expect(throws: DecompressionError.self) { try Inflater.inflate(Array("not gzip at all".utf8), limit: 100) }
    }

    @Test func streamsInSmallChunks() throws {
        let text = Array((0..<50_000).map { UInt8($0 % 251) })
        let gz = Deflater.gzip(text)
        let inflater = try Inflater(limit: 1 << 20)
        var out: [UInt8] = []
        var i = 0
        while i < gz.count {
            out += try inflater.feed(Array(gz[i..<min(i + 7, gz.count)]))
            i += 7
        }
        try inflater.finish()
        #expect(out == text)
    }
}

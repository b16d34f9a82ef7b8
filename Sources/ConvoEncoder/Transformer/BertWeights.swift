/// Every weight of a BERT encoder, checked against the configuration's shapes when loaded.
struct BertWeights: Sendable {
    struct Layer: Sendable {
        /// Query, key and value projections stacked into one [3·hidden × hidden] matrix.
        let queryKeyValue: FloatBuffer
        let queryKeyValueBias: FloatBuffer
        let attentionOutput: FloatBuffer
        let attentionOutputBias: FloatBuffer
        let attentionNormScale: FloatBuffer
        let attentionNormBias: FloatBuffer
        let intermediate: FloatBuffer
        let intermediateBias: FloatBuffer
        let output: FloatBuffer
        let outputBias: FloatBuffer
        let outputNormScale: FloatBuffer
        let outputNormBias: FloatBuffer
    }

    let wordEmbeddings: FloatBuffer
    let positionEmbeddings: FloatBuffer
    let tokenTypeEmbeddings: FloatBuffer
    let embeddingNormScale: FloatBuffer
    let embeddingNormBias: FloatBuffer
    let layers: [Layer]

    init(file: SafeTensorsFile, configuration config: BertConfiguration) throws(ModelFileError) {
        // Checkpoints saved from a task model (BertForMaskedLM, …) prefix every name with "bert.".
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil
            && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: Int...) throws(ModelFileError) -> FloatBuffer {
            try file.floats(prefix + name, shape: shape)
        }
        let hidden = config.hiddenSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", config.vocabularySize, hidden)
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", config.maxPositions, hidden)
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", config.tokenTypeCount, hidden)
        embeddingNormScale = try tensor("embeddings.LayerNorm.weight", hidden)
        embeddingNormBias = try tensor("embeddings.LayerNorm.bias", hidden)
        var layers: [Layer] = []
        for index in 0..<config.layerCount {
            let name = "encoder.layer.\(index)."
            layers.append(Layer(
                queryKeyValue: FloatBuffer(concatenating: [
                    try tensor(name + "attention.self.query.weight", hidden, hidden),
                    try tensor(name + "attention.self.key.weight", hidden, hidden),
                    try tensor(name + "attention.self.value.weight", hidden, hidden),
                ]),
                queryKeyValueBias: FloatBuffer(concatenating: [
                    try tensor(name + "attention.self.query.bias", hidden),
                    try tensor(name + "attention.self.key.bias", hidden),
                    try tensor(name + "attention.self.value.bias", hidden),
                ]),
                attentionOutput: try tensor(name + "attention.output.dense.weight", hidden, hidden),
                attentionOutputBias: try tensor(name + "attention.output.dense.bias", hidden),
                attentionNormScale: try tensor(name + "attention.output.LayerNorm.weight", hidden),
                attentionNormBias: try tensor(name + "attention.output.LayerNorm.bias", hidden),
                intermediate: try tensor(name + "intermediate.dense.weight", config.intermediateSize, hidden),
                intermediateBias: try tensor(name + "intermediate.dense.bias", config.intermediateSize),
                output: try tensor(name + "output.dense.weight", hidden, config.intermediateSize),
                outputBias: try tensor(name + "output.dense.bias", hidden),
                outputNormScale: try tensor(name + "output.LayerNorm.weight", hidden),
                outputNormBias: try tensor(name + "output.LayerNorm.bias", hidden)
            ))
        }
        self.layers = layers
    }
}

/// The BERT forward pass with sentence-transformers' mean pooling and L2 normalisation.
///
/// A batch is packed, not padded: the token rows of all its sequences lie one after another, so
/// every dense layer is one GEMM over real tokens only, and attention runs per sequence over
/// exactly its own tokens. That computes what a padded batch with an attention mask computes,
/// without the wasted rows.
struct BertModel: Sendable {
    let configuration: BertConfiguration
    let weights: BertWeights

    /// Reusable buffers for one worker, grown to the largest batch seen. One allocation holds
    /// them all: hidden states, Q/K/V, attention context, projections, the feed-forward layer and
    /// one sequence's attention scores.
    final class Scratch {
        private var block: UnsafeMutablePointer<Float>
        private var tokenCapacity = 0
        private var sequenceCapacity = 0
        private(set) var hidden: UnsafeMutablePointer<Float>
        private(set) var queryKeyValue: UnsafeMutablePointer<Float>
        private(set) var context: UnsafeMutablePointer<Float>
        private(set) var projected: UnsafeMutablePointer<Float>
        private(set) var intermediate: UnsafeMutablePointer<Float>
        private(set) var scores: UnsafeMutablePointer<Float>

        init() {
            block = UnsafeMutablePointer<Float>.allocate(capacity: 1)
            (hidden, queryKeyValue, context, projected, intermediate, scores) = (block, block, block, block, block, block)
        }

        func reserve(tokens: Int, longest: Int, configuration config: BertConfiguration) {
            guard tokens > tokenCapacity || longest > sequenceCapacity else { return }
            tokenCapacity = max(tokens, tokenCapacity)
            sequenceCapacity = max(longest, sequenceCapacity)
            let hiddenCount = tokenCapacity * config.hiddenSize
            block.deallocate()
            block = UnsafeMutablePointer<Float>.allocate(
                capacity: 6 * hiddenCount + tokenCapacity * config.intermediateSize + sequenceCapacity * sequenceCapacity)
            hidden = block
            queryKeyValue = hidden + hiddenCount
            context = queryKeyValue + 3 * hiddenCount
            projected = context + hiddenCount
            intermediate = projected + hiddenCount
            scores = intermediate + tokenCapacity * config.intermediateSize
        }

        deinit {
            block.deallocate()
        }
    }

    /// Embeds `sequences` (token ids, each within the vocabulary and the position table) and
    /// writes one normalised vector per sequence to `output`, `hiddenSize` floats apart.
    func encode(_ sequences: [[Int32]], into output: UnsafeMutablePointer<Float>, scratch: Scratch) {
        let config = configuration
        let hidden = config.hiddenSize
        let tokens = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.map(\.count).max() ?? 0
        guard tokens > 0 else { return }
        scratch.reserve(tokens: tokens, longest: longest, configuration: config)
        let x = scratch.hidden

        // Embeddings: word + position + token type 0, then LayerNorm.
        var row = 0
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                let line = x + row * hidden
                let word = weights.wordEmbeddings.pointer + Int(id) * hidden
                let place = weights.positionEmbeddings.pointer + position * hidden
                let type = weights.tokenTypeEmbeddings.pointer
                for index in 0..<hidden { line[index] = word[index] + place[index] + type[index] }
                row += 1
            }
        }
        Kernels.addAndNormalize(x, residual: nil, rows: tokens, width: hidden,
                                scale: weights.embeddingNormScale.pointer, bias: weights.embeddingNormBias.pointer,
                                epsilon: config.layerNormEpsilon)

        for layer in weights.layers {
            runLayer(layer, sequences: sequences, tokens: tokens, scratch: scratch)
        }

        // Mean pooling over each sequence's tokens, then L2 normalisation.
        row = 0
        for (index, sequence) in sequences.enumerated() {
            let vector = output + index * hidden
            vector.initialize(repeating: 0, count: hidden)
            for _ in sequence {
                let line = x + row * hidden
                for column in 0..<hidden { vector[column] += line[column] }
                row += 1
            }
            let inverseCount = 1 / Float(max(sequence.count, 1))
            var squares: Float = 0
            for column in 0..<hidden {
                vector[column] *= inverseCount
                squares += vector[column] * vector[column]
            }
            let inverseNorm = 1 / max(squares.squareRoot(), 1e-12)
            for column in 0..<hidden { vector[column] *= inverseNorm }
        }
    }

    private func runLayer(_ layer: BertWeights.Layer, sequences: [[Int32]], tokens: Int, scratch: Scratch) {
        let config = configuration
        let hidden = config.hiddenSize
        let headSize = config.headSize
        let x = scratch.hidden
        let qkv = scratch.queryKeyValue
        let context = scratch.context
        let projected = scratch.projected
        let intermediate = scratch.intermediate
        let scores = scratch.scores

        // Q, K and V for every token in one GEMM.
        Kernels.broadcastRows(layer.queryKeyValueBias.pointer, width: 3 * hidden, rows: tokens, into: qkv)
        BLAS.multiplyTransposed(m: tokens, n: 3 * hidden, k: hidden, a: x, lda: hidden,
                                b: layer.queryKeyValue.pointer, ldb: hidden, beta: 1, c: qkv, ldc: 3 * hidden)

        // Scaled dot-product attention, per sequence and head.
        let scale = 1 / Float(headSize).squareRoot()
        var start = 0
        for sequence in sequences {
            let length = sequence.count
            for head in 0..<config.headCount {
                let query = qkv + start * 3 * hidden + head * headSize
                let key = query + hidden
                let value = query + 2 * hidden
                BLAS.multiplyTransposed(m: length, n: length, k: headSize, alpha: scale, a: query, lda: 3 * hidden,
                                        b: key, ldb: 3 * hidden, beta: 0, c: scores, ldc: length)
                Kernels.softmaxRows(scores, rows: length, width: length)
                BLAS.multiply(m: length, n: headSize, k: length, a: scores, lda: length, b: value, ldb: 3 * hidden,
                              c: context + start * hidden + head * headSize, ldc: hidden)
            }
            start += length
        }

        // Output projection, residual (with the projection's bias), LayerNorm.
        BLAS.multiplyTransposed(m: tokens, n: hidden, k: hidden, a: context, lda: hidden,
                                b: layer.attentionOutput.pointer, ldb: hidden, beta: 0, c: projected, ldc: hidden)
        Kernels.addAndNormalize(x, residual: projected, residualBias: layer.attentionOutputBias.pointer,
                                rows: tokens, width: hidden,
                                scale: layer.attentionNormScale.pointer, bias: layer.attentionNormBias.pointer,
                                epsilon: config.layerNormEpsilon)

        // Feed-forward with GELU, residual, LayerNorm.
        let inner = config.intermediateSize
        BLAS.multiplyTransposed(m: tokens, n: inner, k: hidden, a: x, lda: hidden,
                                b: layer.intermediate.pointer, ldb: hidden, beta: 0, c: intermediate, ldc: inner)
        Kernels.gelu(intermediate, bias: layer.intermediateBias.pointer, rows: tokens, width: inner)
        BLAS.multiplyTransposed(m: tokens, n: hidden, k: inner, a: intermediate, lda: inner,
                                b: layer.output.pointer, ldb: inner, beta: 0, c: projected, ldc: hidden)
        Kernels.addAndNormalize(x, residual: projected, residualBias: layer.outputBias.pointer,
                                rows: tokens, width: hidden,
                                scale: layer.outputNormScale.pointer, bias: layer.outputNormBias.pointer,
                                epsilon: config.layerNormEpsilon)
    }
}

/// BERT's WordPiece tokenizer: words from `BertPreTokenizer`, each split greedily into the
/// longest vocabulary pieces from the left (continuations carry `##`); a word with a part no
/// piece matches, or longer than 100 characters, becomes `[UNK]`. Output is framed by `[CLS]`
/// and `[SEP]` and truncated to the model's maximum sequence length.
public struct WordPieceTokenizer: Sendable {
    static let maxCharactersPerWord = 100

    let vocabulary: [String: Int32]
    let preTokenizer: BertPreTokenizer
    /// sentence-transformers' own `do_lower_case`, applied to the text before the tokenizer.
    let lowercaseInput: Bool
    /// Tokens per sequence, `[CLS]` and `[SEP]` included.
    public let maxLength: Int
    let unknownID: Int32
    let classID: Int32
    let separatorID: Int32

    init(vocabulary: [String: Int32], preTokenizer: BertPreTokenizer, lowercaseInput: Bool, maxLength: Int,
         unknownID: Int32, classID: Int32, separatorID: Int32) {
        self.vocabulary = vocabulary
        self.preTokenizer = preTokenizer
        self.lowercaseInput = lowercaseInput
        self.maxLength = max(maxLength, 2)
        self.unknownID = unknownID
        self.classID = classID
        self.separatorID = separatorID
    }

    /// The same tokenizer with a lower limit (never above the model's).
    func truncating(to length: Int) -> WordPieceTokenizer {
        WordPieceTokenizer(vocabulary: vocabulary, preTokenizer: preTokenizer, lowercaseInput: lowercaseInput,
                           maxLength: min(length, maxLength), unknownID: unknownID, classID: classID, separatorID: separatorID)
    }

    /// Token ids of `text` as the model sees them: `[CLS] pieces… [SEP]`.
    public func tokenize(_ text: String) -> [Int32] {
        let budget = maxLength - 2
        var ids: [Int32] = [classID]
        ids.reserveCapacity(min(budget, text.utf8.count) + 2)
        var pieces: [Int32] = []
        for word in preTokenizer.words(lowercaseInput ? text.lowercased() : text) {
            if ids.count - 1 >= budget { break }
            pieces.removeAll(keepingCapacity: true)
            split(word, into: &pieces)
            ids.append(contentsOf: pieces.prefix(budget - (ids.count - 1)))
        }
        ids.append(separatorID)
        return ids
    }

    /// Greedy longest-match-first split of one word.
    func split(_ word: [Unicode.Scalar], into pieces: inout [Int32]) {
        guard word.count <= WordPieceTokenizer.maxCharactersPerWord else {
            pieces.append(unknownID)
            return
        }
        // UTF-8 of the word and where each scalar starts, so every candidate piece is one slice.
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for scalar in word {
            starts.append(bytes.count)
            bytes.append(contentsOf: scalar.utf8)
        }
        starts.append(bytes.count)
        let firstPieceCount = pieces.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                let piece = String(decoding: bytes[starts[start]..<starts[end]], as: UTF8.self)
                let candidate = start == 0 ? piece : "##" + piece
                if let id = vocabulary[candidate] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                pieces.removeSubrange(firstPieceCount...)
                pieces.append(unknownID)
                return
            }
            pieces.append(id)
            start = end
        }
    }
}

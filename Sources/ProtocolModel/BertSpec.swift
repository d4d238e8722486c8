/// A BERT encoder (Devlin et al. 2019) as Hugging Face's `BertModel` computes it: token + position + token-type
/// embeddings, post-norm encoder layers with erf GELU, attention that ignores padding, then mean pooling over the
/// real tokens (sentence-transformers' pooling) and, with the classifier head, a Linear to the classes.
///
/// The numbers come from a Hugging Face `config.json` (key `config`, as shipped beside a pre-trained model's
/// safetensors) or are written in the protocol (a randomly initialised BERT of any size); the vocabulary is the
/// config's or, without one, the dataset's.
public struct BertSpec: Sendable, Equatable, Hashable {
    /// What the model returns.
    public enum Head: String, Sendable, Equatable, Hashable, CaseIterable {
        /// The mean-pooled sentence embedding [B, hidden]: inference only (what sentence-transformers returns
        /// before its optional normalisation).
        case embedding
        /// A Linear from the pooled embedding to the dataset's classes (seeded, not in a pre-trained file):
        /// fine-tuning and classification.
        case classifier
    }

    public var hiddenWidth: Int
    public var layers: Int
    public var heads: Int
    public var intermediateWidth: Int
    public var maxPositions: Int
    public var typeVocabulary: Int
    public var layerNormEpsilon: Double
    /// From the config's `vocab_size`; nil: one more than the dataset's largest token id (or its declared size).
    public var vocabulary: Int?
    public var head: Head
    /// The config.json the numbers were read from, if any (recorded, and named in weight-loading errors).
    public var configFile: String?

    public init(hiddenWidth: Int, layers: Int, heads: Int, intermediateWidth: Int, maxPositions: Int = 512,
                typeVocabulary: Int = 2, layerNormEpsilon: Double = 1e-12, vocabulary: Int? = nil,
                head: Head = .classifier, configFile: String? = nil) {
        self.hiddenWidth = hiddenWidth
        self.layers = layers
        self.heads = heads
        self.intermediateWidth = intermediateWidth
        self.maxPositions = maxPositions
        self.typeVocabulary = typeVocabulary
        self.layerNormEpsilon = layerNormEpsilon
        self.vocabulary = vocabulary
        self.head = head
        self.configFile = configFile
    }
}

import TensorCore

/// BERT's input layer: word + learned position + token-type embeddings, then LayerNorm. Every sentence is one
/// segment, so the token-type row is always 0 (as `BertModel` with no `token_type_ids`). Parameter names are
/// Hugging Face's (`embeddings.word_embeddings.weight`, …), so a pre-trained file loads by name.
public final class BertEmbeddings: Layer {
    public let word: Embedding
    public let position: Parameter
    public let tokenType: Parameter
    public let norm: LayerNorm

    init(vocabulary: Int, width: Int, maxPositions: Int, typeVocabulary: Int, epsilon: Float,
         generator: inout SeededGenerator) {
        word = Embedding(table: Parameter(name: "embeddings.word_embeddings.weight",
                                          value: .normal([vocabulary, width], standardDeviation: Bert.initialStandardDeviation,
                                                         generator: &generator)))
        position = Parameter(name: "embeddings.position_embeddings.weight",
                             value: .normal([maxPositions, width], standardDeviation: Bert.initialStandardDeviation,
                                            generator: &generator))
        tokenType = Parameter(name: "embeddings.token_type_embeddings.weight",
                              value: .normal([typeVocabulary, width], standardDeviation: Bert.initialStandardDeviation,
                                             generator: &generator))
        norm = LayerNorm(width: width, epsilon: epsilon, name: "embeddings.LayerNorm")
    }

    public var parameters: [Parameter] { word.parameters + [position, tokenType] + norm.parameters }

    /// Token ids [B, S] (as Float) → [B, S, width].
    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        let length = input.shape[1]
        let positions = try position.value.slice(axis: 0, range: 0..<length)
        let segment = try tokenType.value.slice(axis: 0, range: 0..<1)
        return try norm(word(input) + positions + segment)
    }
}

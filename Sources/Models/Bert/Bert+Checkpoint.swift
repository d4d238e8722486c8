/// A Hugging Face BERT safetensors file (`BertModel`'s `state_dict`, as sentence-transformers ships it) loads into
/// `Bert` by name — dlbench's parameters carry the same names:
///
/// | Hugging Face tensor | dlbench parameter |
/// |---|---|
/// | `embeddings.{word,position,token_type}_embeddings.weight`, `embeddings.LayerNorm.{weight,bias}` | same names |
/// | `encoder.layer.N.attention.self.{query,key,value}.{weight,bias}` | same names (Linear weights transposed) |
/// | `encoder.layer.N.attention.output.{dense,LayerNorm}.*`, `.intermediate.dense.*`, `.output.{dense,LayerNorm}.*` | same names |
/// | `bert.` + any of the above (a `BertFor…` checkpoint) | the name without `bert.` |
/// | `pooler.*`, `cls.*`, `embeddings.position_ids` | ignored: mean pooling replaces the pooler, no MLM head |
/// | — | `classifier.{weight,bias}`: kept as seeded when the file has none (fine-tuning a new head) |
///
/// Every shape is then checked strictly by `Checkpoint.load` against the model built from the config.
extension Bert: CheckpointAdapting {
    public func ignoresTensor(named name: String) -> Bool {
        let bare = name.hasPrefix("bert.") ? String(name.dropFirst(5)) : name
        return bare.hasPrefix("pooler.") || bare.hasPrefix("cls.") || bare == "embeddings.position_ids"
    }

    public func adapted(_ tensors: [CheckpointTensor]) throws -> [CheckpointTensor] {
        var renamed = tensors.filter { !ignoresTensor(named: $0.name) }.map { tensor -> CheckpointTensor in
            var tensor = tensor
            if tensor.name.hasPrefix("bert.") { tensor.name.removeFirst(5) }
            return tensor
        }
        if let classifier {
            let present = Set(renamed.map(\.name))
            let head = try Checkpoint.tensors(of: classifier).filter { !present.contains($0.name) }
            renamed += head
        }
        return renamed
    }
}

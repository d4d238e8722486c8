/// A model whose weights come from files written by another library, with names and extra tensors of its own:
/// the adapter says which file tensors to skip unread (other dtypes included) and turns the rest into exactly
/// the model's parameters before `Checkpoint.load`'s strict check.
public protocol CheckpointAdapting {
    /// Tensors of the file that the model does not use; they are not decoded.
    func ignoresTensor(named name: String) -> Bool
    /// The file's remaining tensors, renamed and completed (e.g. with a seeded head the file lacks).
    func adapted(_ tensors: [CheckpointTensor]) throws -> [CheckpointTensor]
}

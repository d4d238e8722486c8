/// A named model definition that tasks refer to by name.
public struct ModelSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var architecture: ModelArchitecture
    /// Key `init`: a safetensors file (resolved against the protocol's directory) whose tensors replace the
    /// seeded initial weights; names and shapes follow `Checkpoint` in the Models module.
    public var initialWeights: String?

    public init(name: String, architecture: ModelArchitecture, initialWeights: String? = nil) {
        self.name = name
        self.architecture = architecture
        self.initialWeights = initialWeights
    }
}

/// A named trainable tensor. A class so optimizers and engines can swap in updated values without copying models.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public private(set) var value: Tensor

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value.asLeaf()
    }

    /// Replaces the value (after an optimizer step); the new value becomes a fresh gradient leaf.
    public func assign(_ newValue: Tensor) { value = newValue.asLeaf() }

    public var byteCount: Int { value.elementCount * MemoryLayout<Float>.stride }
}

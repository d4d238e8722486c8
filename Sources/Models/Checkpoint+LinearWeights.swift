import TensorCore

/// Finds the weight parameters of every `Linear` inside a model by reflection, so `Checkpoint` transposes
/// exactly those whatever the model's structure (Sequential lists, blocks stored as properties, arrays of
/// blocks, optionals), without each layer having to declare its layout.
enum LinearWeights {
    static func identifiers(in model: any Layer) -> Set<ObjectIdentifier> {
        var found = Set<ObjectIdentifier>()
        var visited = Set<ObjectIdentifier>()
        visit(model, found: &found, visited: &visited)
        return found
    }

    private static func visit(_ value: Any, found: inout Set<ObjectIdentifier>, visited: inout Set<ObjectIdentifier>) {
        if let linear = value as? Linear {
            found.insert(ObjectIdentifier(linear.weight))
            return
        }
        // Leaves that cannot hold a Linear (and large numeric arrays not worth walking).
        if value is Parameter || value is Tensor || value is [Float] || value is [Int] || value is Shape { return }
        if type(of: value) is AnyClass {
            guard visited.insert(ObjectIdentifier(value as AnyObject)).inserted else { return }
        }
        var mirror: Mirror? = Mirror(reflecting: value)
        while let current = mirror {
            for child in current.children { visit(child.value, found: &found, visited: &visited) }
            mirror = current.superclassMirror
        }
    }
}

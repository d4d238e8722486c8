/// The dimensions of a row-major tensor. A value type so shapes can key graph caches and appear in errors.
public struct Shape: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    public var dimensions: [Int]

    public init(_ dimensions: [Int]) { self.dimensions = dimensions }
    public init(arrayLiteral elements: Int...) { self.dimensions = elements }

    public static let scalar = Shape([])

    public var rank: Int { dimensions.count }
    public var elementCount: Int { dimensions.reduce(1, *) }
    public subscript(axis: Int) -> Int { dimensions[axis] }

    /// Row-major strides in elements.
    public var strides: [Int] {
        var result = [Int](repeating: 1, count: rank)
        var running = 1
        for axis in Swift.stride(from: rank - 1, through: 0, by: -1) {
            result[axis] = running
            running *= dimensions[axis]
        }
        return result
    }

    public var description: String { "[" + dimensions.map(String.init).joined(separator: "×") + "]" }

    /// Resolves a possibly negative axis (−1 is the last) against this rank.
    public func normalizedAxis(_ axis: Int, op: String) throws -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else {
            throw TensorError.invalidAttribute(op: op, shapes: [self], reason: "axis \(axis) is out of range for rank \(rank)")
        }
        return resolved
    }

    /// NumPy broadcasting of two shapes, or nil when they are incompatible.
    public static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
        let rank = max(a.rank, b.rank)
        var result = [Int](repeating: 1, count: rank)
        for index in 0..<rank {
            let da = index < rank - a.rank ? 1 : a.dimensions[index - (rank - a.rank)]
            let db = index < rank - b.rank ? 1 : b.dimensions[index - (rank - b.rank)]
            if da == db || db == 1 { result[index] = da } else if da == 1 { result[index] = db } else { return nil }
        }
        return Shape(result)
    }
}

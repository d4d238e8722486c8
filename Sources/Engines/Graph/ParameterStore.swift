import TensorCore

/// Parameters and optimizer state owned by a graph engine, double-buffered: a step reads set `parity` and writes
/// set `1 − parity`, then the parity flips. No copy, and no node ever reads a value it is overwriting.
public final class ParameterStore {
    /// [parity][parameter]
    private(set) var parameters: [[TensorBuffer]]
    /// [parity][parameter][slot]
    private(set) var state: [[[TensorBuffer]]]
    public private(set) var parity = 0
    let shapes: [Shape]

    public init(model: any Layer, stateSlots: Int) throws {
        let values = model.parameters.map(\.value)
        shapes = values.map(\.shape)
        var current: [TensorBuffer] = []
        for value in values {
            guard let storage = value.storage else { throw TensorError.symbolicValue(op: "ParameterStore") }
            let copy = TensorBuffer(count: value.elementCount)
            copy.pointer.update(from: storage.pointer, count: value.elementCount)
            current.append(copy)
        }
        parameters = [current, shapes.map { TensorBuffer(count: $0.elementCount) }]
        let zeros: [[TensorBuffer]] = shapes.map { shape in
            (0..<stateSlots).map { _ in
                let buffer = TensorBuffer(count: shape.elementCount)
                buffer.pointer.update(repeating: 0, count: shape.elementCount)
                return buffer
            }
        }
        state = [zeros, shapes.map { shape in (0..<stateSlots).map { _ in TensorBuffer(count: shape.elementCount) } }]
    }

    func parameter(_ index: Int, parity: Int) -> UnsafeMutablePointer<Float> { parameters[parity][index].pointer }
    func state(_ index: Int, slot: Int, parity: Int) -> UnsafeMutablePointer<Float> { state[parity][index][slot].pointer }

    func flip() { parity ^= 1 }

    /// Current values as fresh tensors (for evaluation elsewhere, export, or comparing engines).
    public func currentParameters() -> [Tensor] {
        zip(parameters[parity], shapes).map { buffer, shape in
            let copy = TensorBuffer(count: shape.elementCount)
            copy.pointer.update(from: buffer.pointer, count: shape.elementCount)
            return Tensor(shape: shape, storage: copy)
        }
    }

    public var byteCount: Int {
        (parameters[0].reduce(0) { $0 + $1.count } + state[0].flatMap { $0 }.reduce(0) { $0 + $1.count }) * 2
            * MemoryLayout<Float>.stride
    }
}

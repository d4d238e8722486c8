import OpenCLRuntime
import TensorCore

/// Parameters and optimizer state resident on the device, double-buffered exactly like `ParameterStore`: a step
/// reads set `parity` and writes set `1 − parity`, then the parity flips, so nothing crosses the bus between steps
/// and no kernel overwrites a value it still reads.
final class DeviceParameterStore {
    /// [parity][parameter]
    private let parameters: [[DeviceBuffer]]
    /// [parity][parameter][slot]
    private let state: [[[DeviceBuffer]]]
    private(set) var parity = 0
    let shapes: [Shape]

    init(model: any Layer, stateSlots: Int, context: OpenCLContext) throws {
        let values = model.parameters.map(\.value)
        shapes = values.map(\.shape)
        var current: [DeviceBuffer] = []
        for (index, value) in values.enumerated() {
            guard let storage = value.storage else { throw OpenCLEngineError.symbolicParameter(index: index) }
            let buffer = try context.makeBuffer(count: value.elementCount)
            try buffer.upload(from: UnsafeBufferPointer(start: storage.pointer, count: value.elementCount))
            current.append(buffer)
        }
        let next = try shapes.map { try context.makeBuffer(count: $0.elementCount) }
        parameters = [current, next]
        let zeros = try shapes.map { shape in
            try (0..<stateSlots).map { _ -> DeviceBuffer in
                let buffer = try context.makeBuffer(count: shape.elementCount)
                try buffer.fill(0)
                return buffer
            }
        }
        let nextState = try shapes.map { shape in
            try (0..<stateSlots).map { _ in try context.makeBuffer(count: shape.elementCount) }
        }
        state = [zeros, nextState]
    }

    func parameter(_ index: Int, parity: Int) -> DeviceBuffer { parameters[parity][index] }
    func state(_ index: Int, slot: Int, parity: Int) -> DeviceBuffer { state[parity][index][slot] }

    func flip() { parity ^= 1 }

    /// Current values downloaded into fresh tensors (for export, evaluation elsewhere, or comparing engines).
    func currentParameters() throws -> [Tensor] {
        try zip(parameters[parity], shapes).map { buffer, shape in
            let copy = TensorBuffer(count: shape.elementCount)
            try buffer.download(into: UnsafeMutableBufferPointer(start: copy.pointer, count: shape.elementCount))
            return Tensor(shape: shape, storage: copy)
        }
    }
}

/// An n-dimensional array read from a binary file (IDX or NPY), converted to Float, with where its elements
/// sit in the file so that a bad element (an out-of-range label, a NaN) is reported by byte offset.
public struct NumericArray: Sendable, Equatable {
    public var shape: [Int]
    public var values: [Float]
    /// Byte offset of the first element in the (decompressed) file.
    public var dataOffset: Int
    /// Bytes per element in the file.
    public var elementSize: Int
    /// The element type as the file declares it ("unsigned byte", "<f4", …), for messages and type checks.
    public var elementType: String

    /// Byte offset of element `index` in the (decompressed) file (saturating: only ever used in messages).
    public func offset(of index: Int) -> Int {
        let (relative, overflow) = index.multipliedReportingOverflow(by: elementSize)
        return overflow ? Int.max : dataOffset.addingReportingOverflow(relative).overflow ? Int.max : dataOffset + relative
    }

    /// Throws at the first NaN or infinity, naming its byte offset and element index: data must be finite,
    /// or training runs on to a NaN loss instead of failing at load time.
    func requireFinite(file: String) throws {
        guard let index = values.firstIndex(where: { !$0.isFinite }) else { return }
        throw DatasetError.nonFinite(file: file, location: "byte \(offset(of: index)) (element \(index))",
                                     found: FiniteCheck.describe(values[index]))
    }
}

/// How non-finite values are named in messages.
enum FiniteCheck {
    static func describe(_ value: Float) -> String {
        value.isNaN ? "NaN" : value > 0 ? "+infinity" : value < 0 ? "-infinity" : "\(value)"
    }
}

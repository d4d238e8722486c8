import Foundation

/// Validation of one safetensors header entry. Every number is range-checked before it is used: JSON numbers
/// arrive as `NSNumber`, whose integer accessors would silently wrap or trap on 1e300 or 2^64.
enum SafeTensorsHeader {
    static func entry(_ name: String, _ value: Any, file: String) throws -> (name: String, shape: [Int], begin: Int, end: Int) {
        func bad(_ expected: String, _ found: Any) -> DatasetError {
            .badFormat(file: file, offset: 8, expected: "\(expected) for tensor '\(name)'", found: String("\(found)".prefix(80)))
        }
        guard let fields = value as? [String: Any] else { throw bad("an object with dtype, shape, data_offsets", value) }
        guard let dtype = fields["dtype"] as? String else { throw bad("a string dtype", fields["dtype"] ?? "nothing") }
        guard dtype == "F32" else {
            throw bad("dtype F32 (dlbench reads float32 only; convert with tensor.float() before saving)", dtype)
        }
        guard let shapeValues = fields["shape"] as? [Any] else { throw bad("a shape array", fields["shape"] ?? "nothing") }
        let shape = shapeValues.compactMap(integer)
        guard shape.count == shapeValues.count else { throw bad("non-negative integer dimensions", shapeValues) }
        guard let offsetValues = fields["data_offsets"] as? [Any], offsetValues.count == 2,
              let begin = integer(offsetValues[0]), let end = integer(offsetValues[1]), end >= begin else {
            throw bad("data_offsets [begin, end] with 0 ≤ begin ≤ end", fields["data_offsets"] ?? "nothing")
        }
        let count = try DeclaredSize.elements(shape, file: file, offset: 8)
        let bytes = try DeclaredSize.bytes(count, of: 4, shape: shape, file: file, offset: 8)
        guard end - begin == bytes else {
            throw DatasetError.countMismatch(file: file, offset: 8,
                                             expected: "\(bytes) bytes for '\(name)' (F32 of shape \(shape))",
                                             found: "data_offsets [\(begin), \(end)] (\(end - begin) bytes)")
        }
        return (name, shape, begin, end)
    }

    /// An entry that will not be decoded: only its byte range is read (any dtype), for the file's layout check.
    static func skippedEntry(_ name: String, _ value: Any, file: String) throws -> (name: String, shape: [Int], begin: Int, end: Int) {
        guard let fields = value as? [String: Any], let offsetValues = fields["data_offsets"] as? [Any], offsetValues.count == 2,
              let begin = integer(offsetValues[0]), let end = integer(offsetValues[1]), end >= begin else {
            throw DatasetError.badFormat(file: file, offset: 8, expected: "data_offsets [begin, end] with 0 ≤ begin ≤ end for tensor '\(name)'",
                                         found: String("\(value)".prefix(80)))
        }
        return (name, [], begin, end)
    }

    /// A JSON number that is a non-negative integer below 2^63 (and so safe for Int arithmetic), else nil.
    static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double >= 0, double < 9.2e18, double.rounded() == double else { return nil }
        return Int(exactly: number.int64Value).flatMap { $0 >= 0 ? $0 : nil }
    }
}

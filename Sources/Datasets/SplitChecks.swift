/// Checks shared by the loaders: feature shapes, declared example shapes and label ranges.
enum FeatureShape {
    /// Features [N, …]: rank ≥ 2, at least one example, no zero dimension in an example — else a model would
    /// meet a [0 × 0] matrix or train on nothing to a NaN loss. `offset(i)` is where dimension i sits in the file.
    static func check(_ shape: [Int], file: String, what: String, offset: (Int) -> Int) throws {
        guard shape.count >= 2 else {
            throw DatasetError.countMismatch(file: file, offset: offset(0), expected: "\(what) of rank ≥ 2 [N, …]",
                                             found: "shape \(shape)")
        }
        guard shape[0] > 0 else {
            throw DatasetError.empty(file: file, offset: offset(0), expected: "at least one example (N in shape [N, …])",
                                     found: "shape \(shape): 0 examples")
        }
        if let zero = shape.indices.dropFirst().first(where: { shape[$0] == 0 }) {
            throw DatasetError.empty(file: file, offset: offset(zero), expected: "\(what) with no zero-sized dimension",
                                     found: "shape \(shape): dimension \(zero) is 0")
        }
    }
}

enum ExampleShape {
    static func resolve(declared: [Int]?, natural: [Int], file: String) throws -> [Int] {
        guard let declared else { return natural }
        let declaredCount = declared.allSatisfy { $0 > 0 } ? product(declared) : nil
        guard let declaredCount, declaredCount == product(natural) else {
            throw DatasetError.countMismatch(
                file: file, offset: 0,
                expected: "examples of shape \(declared) (\(declaredCount.map(String.init) ?? "not a positive size") values)",
                found: "shape \(natural) (\(product(natural).map(String.init) ?? "too many") values)")
        }
        return declared
    }

    /// The product of `shape`, nil on overflow.
    private static func product(_ shape: [Int]) -> Int? {
        var result = 1
        for dimension in shape {
            let (next, overflow) = result.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            result = next
        }
        return result
    }
}

enum LabelCheck {
    /// Labels as integers 0..<classes; `location` names where label `i` sits in the file.
    static func integers(_ values: [Float], classes: Int, file: String, location: (Int) -> String) throws -> [Int] {
        var result = [Int](repeating: 0, count: values.count)
        for (index, value) in values.enumerated() {
            guard value.rounded() == value, value >= 0, value < Float(classes) else {
                throw DatasetError.labelOutOfRange(file: file, location: location(index),
                                                   label: LabelCheck.describe(value), classes: classes)
            }
            result[index] = Int(value)
        }
        return result
    }

    static func describe(_ value: Float) -> String {
        value.isFinite && value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

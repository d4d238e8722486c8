/// Numbers as CSV writers (Python's `csv`, `numpy.savetxt`, pandas, spreadsheets) print finite values: an
/// optional sign, decimal digits with an optional point, an optional exponent — `-0.5`, `3`, `.25`, `1e-05`,
/// `2.5E+10`. Swift's `Float(String)` also accepts hex (`0x10` reads as 16), `nan`, `inf` and `infinity`; those
/// are refused, so an export artefact is an error naming its line and column instead of a quietly different number.
enum CSVNumber {
    enum Outcome: Equatable {
        case value(Float)
        /// Not a plain decimal number (text, hex, an empty field).
        case notDecimal
        /// NaN or an infinity.
        case nonFinite
        /// A plain decimal outside float32's range (it would read as an infinity).
        case outOfRange
    }

    static func parse(_ field: Substring) -> Outcome {
        guard isPlainDecimal(field.utf8) else {
            if let double = Double(field), !double.isFinite { return .nonFinite }
            return .notDecimal
        }
        guard let value = Float(field), value.isFinite else { return .outOfRange }
        return .value(value)
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, nothing else.
    static func isPlainDecimal(_ text: Substring.UTF8View) -> Bool {
        var index = text.startIndex
        func accept(_ predicate: (UInt8) -> Bool) -> Bool {
            guard index < text.endIndex, predicate(text[index]) else { return false }
            index = text.index(after: index)
            return true
        }
        func digits() -> Int {
            var count = 0
            while accept({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { count += 1 }
            return count
        }
        let isSign: (UInt8) -> Bool = { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        _ = accept(isSign)
        var mantissaDigits = digits()
        if accept({ $0 == UInt8(ascii: ".") }) { mantissaDigits += digits() }
        guard mantissaDigits > 0 else { return false }
        if accept({ $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            _ = accept(isSign)
            guard digits() > 0 else { return false }
        }
        return index == text.endIndex
    }

    /// Whether a first-line field reads as a column name rather than a value: non-empty and not even loosely
    /// numeric (so a first data row with `nan` or an empty field is reported, not swallowed as a header).
    static func isName(_ field: Substring) -> Bool { !field.isEmpty && Double(field) == nil }
}

import Foundation

/// Which column of a CSV file holds the class label.
public enum CSVLabelColumn: Sendable, Equatable, Hashable {
    /// 0-based column index; negative counts from the end (−1 is the last column).
    case index(Int)
    /// A header name (the file must have a header row).
    case named(String)
}

/// Numeric CSV: one example per record, every column a number, one of them the integer label. Records are read by
/// `CSVRecordReader` (RFC 4180: quoted fields and header names, CRLF or LF, a byte order mark), so what Python's `csv`
/// writes with any quoting loads. A header row is detected (any non-numeric field in the first record) unless stated.
/// Blank lines are skipped; anything else that is not a plain decimal number (see `CSVNumber`: no hex, NaN or
/// infinity), or a record with a different field count, is an error naming the line and column.
public enum CSVDataset {
    public static func load(path: String, classes: Int, labelColumn: CSVLabelColumn = .index(-1), header: Bool? = nil,
                            exampleShape: [Int]? = nil) throws -> LabeledSplit {
        try parse(try FileBytes.read(path), file: path, classes: classes, labelColumn: labelColumn, header: header,
                  exampleShape: exampleShape)
    }

    /// The split from the file's bytes; `path` only names the file in errors.
    public static func parse(_ bytes: [UInt8], file path: String, classes: Int, labelColumn: CSVLabelColumn = .index(-1),
                             header: Bool? = nil, exampleShape: [Int]? = nil) throws -> LabeledSplit {
        guard String(bytes: bytes, encoding: .utf8) != nil else {
            throw DatasetError.badFormat(file: path, offset: 0, expected: "UTF-8 text", found: "invalid UTF-8")
        }
        var reader = CSVRecordReader(bytes: bytes, file: path)
        var rows: [CSVRecord] = []
        while let record = try reader.next() { rows.append(record) }
        guard let first = rows.first else {
            throw DatasetError.badLine(file: path, line: 1, expected: "at least one row of numbers", found: "an empty file")
        }
        let hasHeader = header ?? first.fields.contains { CSVNumber.isName($0[...]) }
        let names = hasHeader ? first.fields : []
        let dataRows = hasHeader ? Array(rows.dropFirst()) : rows
        let columnCount = first.fields.count
        guard columnCount >= 2 else {
            throw DatasetError.badLine(file: path, line: first.line, expected: "at least 2 columns (features and a label)",
                                       found: "\(columnCount)")
        }
        let labelIndex = try resolve(labelColumn, names: names, columnCount: columnCount, file: path, line: first.line)
        guard !dataRows.isEmpty else {
            throw DatasetError.badLine(file: path, line: first.line + 1, expected: "data rows after the header", found: "none")
        }
        let featureCount = columnCount - 1
        var features = [Float](repeating: 0, count: dataRows.count * featureCount)
        var labels = [Int](repeating: 0, count: dataRows.count)
        for (rowIndex, row) in dataRows.enumerated() {
            guard row.fields.count == columnCount else {
                throw DatasetError.badLine(file: path, line: row.line, expected: "\(columnCount) fields", found: "\(row.fields.count)")
            }
            var column = 0
            for (fieldIndex, field) in row.fields.enumerated() {
                let value: Float
                switch CSVNumber.parse(field[...]) {
                case let .value(parsed): value = parsed
                case .nonFinite:
                    throw DatasetError.nonFinite(file: path, location: "line \(row.line), column \(fieldIndex + 1)",
                                                 found: "'\(field.prefix(40))'")
                case .outOfRange:
                    throw DatasetError.nonFinite(file: path, location: "line \(row.line), column \(fieldIndex + 1)",
                                                 found: "'\(field.prefix(40))' (outside float32's range)")
                case .notDecimal:
                    throw DatasetError.badLine(file: path, line: row.line,
                                               expected: "a plain decimal number in column \(fieldIndex + 1)",
                                               found: field.isEmpty ? "an empty field" : "'\(field.prefix(40))'")
                }
                if fieldIndex == labelIndex {
                    guard value.rounded() == value, value >= 0, value < Float(classes) else {
                        throw DatasetError.labelOutOfRange(file: path, location: "line \(row.line)",
                                                           label: LabelCheck.describe(value), classes: classes)
                    }
                    labels[rowIndex] = Int(value)
                } else {
                    features[rowIndex * featureCount + column] = value
                    column += 1
                }
            }
        }
        let shape = try ExampleShape.resolve(declared: exampleShape, natural: [featureCount], file: path)
        return LabeledSplit(exampleShape: shape, features: features, labels: labels, classes: classes)
    }

    private static func resolve(_ column: CSVLabelColumn, names: [String], columnCount: Int, file: String, line: Int) throws -> Int {
        switch column {
        case let .index(index):
            let resolved = index < 0 ? columnCount + index : index
            guard (0..<columnCount).contains(resolved) else {
                throw DatasetError.badLine(file: file, line: line, expected: "a label column index in −\(columnCount)…\(columnCount - 1)",
                                           found: "\(index)")
            }
            return resolved
        case let .named(name):
            guard let resolved = names.firstIndex(of: name) else {
                let found = names.isEmpty ? "no header row" : "columns " + names.map { "'\($0)'" }.joined(separator: ", ")
                throw DatasetError.badLine(file: file, line: line, expected: "a header column named '\(name)'", found: found)
            }
            return resolved
        }
    }
}

/// One fetched row: column name → value, as the query named them.
public struct StoreRow: Sendable, Equatable {
    public private(set) var values: [String: StoreValue]

    public init(_ values: [String: StoreValue]) { self.values = values }

    /// The value of `column`; `.null` for a column the query did not select is a programming error caught by
    /// `StoredRow`, which asks `contains` first.
    public subscript(column: String) -> StoreValue { values[column] ?? .null }

    public func contains(_ column: String) -> Bool { values[column] != nil }
}

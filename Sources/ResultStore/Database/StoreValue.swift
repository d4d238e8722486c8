import Foundation
import GRDB

/// One stored value as both databases hold it: SQLite's five storage classes, which PostgreSQL's BIGINT,
/// DOUBLE PRECISION, TEXT and BYTEA columns map onto one to one. Readers decode these strictly (see `StoredValue`).
public enum StoreValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    var isNull: Bool { self == .null }

    /// The value as an error message shows it: text quoted and cut to 60 characters.
    var storedDescription: String {
        switch self {
        case .null: return "NULL"
        case let .integer(number): return String(number)
        case let .real(number): return String(number)
        case let .text(text):
            let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return "'" + shown.replacingOccurrences(of: "\n", with: "\\n") + "'"
        case let .blob(bytes): return "a blob of \(bytes.count) bytes"
        }
    }
}

/// A Swift value bound as a statement argument.
public protocol StoreArgument {
    var storeValue: StoreValue { get }
}

extension Int64: StoreArgument { public var storeValue: StoreValue { .integer(self) } }
extension Int: StoreArgument { public var storeValue: StoreValue { .integer(Int64(self)) } }
extension Double: StoreArgument { public var storeValue: StoreValue { .real(self) } }
extension String: StoreArgument { public var storeValue: StoreValue { .text(self) } }
extension StoreValue: StoreArgument { public var storeValue: StoreValue { self } }

/// Dates are TEXT in both databases, UTC "yyyy-MM-dd HH:mm:ss.SSS": the form GRDB has always written, so files
/// from earlier builds read the same and text order is time order in SQL.
extension Date: StoreArgument {
    public var storeValue: StoreValue {
        if case let .string(text) = databaseValue.storage { return .text(text) }
        return .null
    }

    /// Parses the stored form (or ISO 8601), as GRDB does; nil for anything else.
    static func parseStored(_ text: String) -> Date? { Date.fromDatabaseValue(text.databaseValue) }
}

extension Optional: StoreArgument where Wrapped: StoreArgument {
    public var storeValue: StoreValue { self?.storeValue ?? .null }
}

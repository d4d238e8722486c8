import Foundation

/// A type a stored column decodes to, strictly: a value that does not convert is reported, never trapped on
/// (GRDB's `row["column"]` subscript is a `try!`) and never silently turned into 0 or nil.
protocol StoredValue {
    /// The value, or nil when `value` (never NULL here) does not hold this type.
    static func stored(from value: StoreValue) -> Self?
    /// What the column must hold, as a noun phrase ("a date").
    static var storedNoun: String { get }
    /// The accepted form, for the error message.
    static var storedForm: String { get }
}

extension Int64: StoredValue {
    static func stored(from value: StoreValue) -> Int64? {
        switch value {
        case let .integer(number): return number
        case let .real(number): return Int64(exactly: number)
        default: return nil
        }
    }
    static var storedNoun: String { "an integer" }
    static var storedForm: String { "a whole number" }
}

extension Int: StoredValue {
    static func stored(from value: StoreValue) -> Int? { Int64.stored(from: value).flatMap { Int(exactly: $0) } }
    static var storedNoun: String { "an integer" }
    static var storedForm: String { "a whole number" }
}

extension Double: StoredValue {
    static func stored(from value: StoreValue) -> Double? {
        switch value {
        case let .integer(number): return Double(number)
        case let .real(number): return number
        default: return nil
        }
    }
    static var storedNoun: String { "a number" }
    static var storedForm: String { "an integer or real value" }
}

extension String: StoredValue {
    static func stored(from value: StoreValue) -> String? {
        // Only TEXT: GRDB would also accept a UTF-8 blob, which dlbench never writes.
        if case let .text(text) = value { return text }
        return nil
    }
    static var storedNoun: String { "text" }
    static var storedForm: String { "a TEXT value" }
}

extension Date: StoredValue {
    static func stored(from value: StoreValue) -> Date? {
        // Only TEXT (as dlbench writes dates): GRDB would also read any number as seconds since 1970.
        guard case let .text(text) = value else { return nil }
        return Date.parseStored(text)
    }
    static var storedNoun: String { "a date" }
    static var storedForm: String { "UTC 'yyyy-MM-dd HH:mm:ss.SSS' as dlbench stores it, or ISO 8601" }
}

/// Seeds are stored as decimal text: SQLite integers are signed 64-bit.
extension UInt64: StoredValue {
    static func stored(from value: StoreValue) -> UInt64? {
        switch value {
        case let .text(text): return UInt64(text)
        case let .integer(number): return UInt64(exactly: number)
        default: return nil
        }
    }
    static var storedNoun: String { "an unsigned 64-bit integer" }
    static var storedForm: String { "decimal text such as '42'" }
}

/// Statuses are closed sets: an unknown word is a bad value, not a new status.
protocol StoredStatus: StoredValue, RawRepresentable, CaseIterable where RawValue == String {}

extension StoredStatus {
    static func stored(from value: StoreValue) -> Self? { String.stored(from: value).flatMap(Self.init(rawValue:)) }
    static var storedNoun: String { "a status" }
    static var storedForm: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
}

extension RunStatus: StoredStatus {}
extension CaseStatus: StoredStatus {}

import Foundation
import GRDB

/// A SQLite file (or memory) through GRDB: the embedded default store.
struct SQLiteStoreDatabase: StoreDatabase {
    let queue: DatabaseQueue

    func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try queue.write { db in try body(SQLiteStoreConnection(db: db)) }
    }

    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try queue.read { db in try body(SQLiteStoreConnection(db: db)) }
    }
}

struct SQLiteStoreConnection: StoreConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
        return db.changesCount
    }

    func executeScript(_ sql: String) throws {
        try db.execute(sql: sql)
    }

    func fetch(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let names = statement.columnNames
        return try Row.fetchAll(statement, arguments: Self.arguments(arguments)).map { row in
            var values: [String: StoreValue] = [:]
            for (name, value) in zip(names, row.databaseValues) where values[name] == nil {
                values[name] = Self.value(value)
            }
            return StoreRow(values)
        }
    }

    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64 {
        try db.execute(sql: sql, arguments: Self.arguments(arguments))
        return db.lastInsertedRowID
    }

    static func arguments(_ values: [StoreValue]) -> StatementArguments {
        StatementArguments(values.map { value -> DatabaseValue in
            switch value {
            case .null: return .null
            case let .integer(number): return number.databaseValue
            case let .real(number): return number.databaseValue
            case let .text(text): return text.databaseValue
            case let .blob(bytes): return Data(bytes).databaseValue
            }
        })
    }

    static func value(_ value: DatabaseValue) -> StoreValue {
        switch value.storage {
        case .null: return .null
        case let .int64(number): return .integer(number)
        case let .double(number): return .real(number)
        case let .string(text): return .text(text)
        case let .blob(data): return .blob([UInt8](data))
        }
    }
}

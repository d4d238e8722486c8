/// One open transaction (or read) on a result database. ResultStore's queries are written once, in the SQL both
/// SQLite and PostgreSQL accept, with `?` placeholders; where the two differ, `dialect` says how.
public protocol StoreConnection {
    var dialect: SQLDialect { get }
    /// Runs one statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int
    /// Runs several statements without arguments (a migration).
    func executeScript(_ sql: String) throws
    /// Every row of one query.
    func fetch(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow]
    /// Runs one INSERT into a table with an `id` column and returns the new row's id.
    func insert(_ sql: String, _ arguments: [StoreValue]) throws -> Int64
}

extension StoreConnection {
    @discardableResult
    func execute(_ sql: String, _ arguments: StoreArgument...) throws -> Int {
        try execute(sql, arguments.map(\.storeValue))
    }

    func fetch(_ sql: String, _ arguments: StoreArgument...) throws -> [StoreRow] {
        try fetch(sql, arguments.map(\.storeValue))
    }

    func fetchOne(_ sql: String, _ arguments: StoreArgument...) throws -> StoreRow? {
        try fetch(sql, arguments.map(\.storeValue)).first
    }

    func insert(_ sql: String, _ arguments: StoreArgument...) throws -> Int64 {
        try insert(sql, arguments.map(\.storeValue))
    }
}

/// Where a result store keeps its tables: a SQLite file or a PostgreSQL database.
public protocol StoreDatabase: Sendable {
    /// Runs `body` in one write transaction: it commits when `body` returns, and rolls back when it throws.
    func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T
    /// Runs `body` with a consistent view for reading.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T
}

extension StoreConnection {
    /// Inserts `rows` (each one value per column) in statements of up to 100 rows: one round trip per hundred
    /// samples to a server instead of one per sample.
    func insertRows(into table: String, columns: [String], _ rows: [[StoreValue]]) throws {
        let row = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + 100, rows.count)]
            try execute(head + Array(repeating: row, count: chunk.count).joined(separator: ", "), chunk.flatMap { $0 })
            start += chunk.count
        }
    }
}

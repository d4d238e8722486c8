import GRDB

/// What a file holds before dlbench changes anything: its tables and the migrations applied to it.
struct SchemaState: Equatable {
    /// User tables, sorted (SQLite's own `sqlite_*` tables excluded).
    var tables: [String]
    /// Identifiers in `grdb_migrations`, known or not.
    var applied: Set<String>

    static func inspect(_ db: any StoreConnection) throws -> SchemaState {
        let tables = try db.fetch(db.dialect.tablesQuery).compactMap { String.stored(from: $0["name"]) }
        guard tables.contains("grdb_migrations") else { return SchemaState(tables: tables, applied: []) }
        let applied = try db.fetch("SELECT identifier FROM grdb_migrations").compactMap { String.stored(from: $0["identifier"]) }
        return SchemaState(tables: tables, applied: Set(applied))
    }

    static func inspect(_ db: Database) throws -> SchemaState { try inspect(SQLiteStoreConnection(db: db)) }

    /// This build's migrations not yet applied, in order.
    var pending: [(identifier: String, sql: String)] {
        ResultStore.migrations.filter { !applied.contains($0.identifier) }
    }

    /// Refuses what dlbench must not touch: another program's database (tables, none of our migrations; a lone
    /// `grdb_migrations` table is what an interrupted first open left) and a file from a newer dlbench.
    func check(path: String) throws {
        let known = Set(ResultStore.migrations.map(\.identifier))
        if applied.isDisjoint(with: known) && !tables.allSatisfy({ $0 == "grdb_migrations" }) {
            throw ResultStoreError.foreignDatabase(path: path, tables: tables)
        }
        let unknown = applied.subtracting(known)
        if !unknown.isEmpty {
            throw ResultStoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
        }
    }
}

extension ResultStore {
    /// Checks the file and applies the pending migrations, all in one IMMEDIATE transaction: concurrent creators
    /// queue on the write lock (busy timeout) and each sees the schema the previous one committed, so none runs a
    /// migration twice ("table runs already exists") and a refused file is left exactly as it was.
    static func checkAndMigrate(_ queue: DatabaseQueue, path: String) throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try checkAndMigrate(SQLiteStoreConnection(db: db), path: path)
                    return .commit
                }
            }
        } catch {
            throw openingError(error, path: path, context: "migrating the schema")
        }
    }

    /// Checks the schema and applies the pending migrations in the caller's transaction (which must keep
    /// concurrent creators out: SQLite's IMMEDIATE lock, PostgreSQL's advisory lock).
    public static func checkAndMigrate(_ db: any StoreConnection, path: String) throws {
        let state = try SchemaState.inspect(db)
        try state.check(path: path)
        try apply(state.pending, db)
    }

    /// The migrations this database still lacks, after refusing a foreign or newer one; for read-only opens.
    public static func pendingMigrations(_ db: any StoreConnection, path: String) throws -> [String] {
        let state = try SchemaState.inspect(db)
        try state.check(path: path)
        return state.pending.map(\.identifier)
    }

    /// Runs `migrations` in the current transaction, recording each identifier.
    static func apply(_ migrations: [(identifier: String, sql: String)], _ db: any StoreConnection) throws {
        guard !migrations.isEmpty else { return }
        try db.execute("CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        for migration in migrations {
            try db.executeScript(db.dialect.schema(migration.sql))
            try db.execute("INSERT INTO grdb_migrations (identifier) VALUES (?)", migration.identifier)
        }
    }

    static func apply(_ migrations: [(identifier: String, sql: String)], _ db: Database) throws {
        try apply(migrations, SQLiteStoreConnection(db: db))
    }

    /// Names of the migrations applied to this database, in registration order.
    public func appliedMigrations() throws -> [String] {
        let applied = try read("reading applied migrations") { db in try SchemaState.inspect(db).applied }
        return ResultStore.migrations.map(\.identifier).filter(applied.contains)
    }
}

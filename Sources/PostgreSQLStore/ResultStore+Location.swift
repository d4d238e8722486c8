import Foundation
import ResultStore

extension ResultStore {
    /// Opens what `--db` names: a `postgres://` or `postgresql://` URL, or a SQLite file path.
    ///
    /// A server database is checked and migrated like a file (`.readWrite`: refuse another program's tables or a
    /// newer schema, then apply the same named migrations under an advisory lock, so concurrent first runs on many
    /// machines create the schema once); `.readOnly` never changes it.
    public static func open(location: String, access: Access = .readWrite) throws -> ResultStore {
        guard PostgreSQLLocation.isServerURL(location) else { return try ResultStore(path: location, access: access) }
        let parsed = try PostgreSQLLocation(location)
        let database = try PostgreSQLStoreDatabase(location: parsed)
        let shown = parsed.description
        switch access {
        case .readWrite:
            try database.write { db in
                // Any constant key serialises dlbench's migrations on this database.
                try db.execute("SELECT pg_advisory_xact_lock(7262534101)", [])
                try ResultStore.checkAndMigrate(db, path: shown)
            }
        case .readOnly:
            let pending = try database.read { db in try ResultStore.pendingMigrations(db, path: shown) }
            if !pending.isEmpty {
                throw PostgreSQLStoreError.readOnlyOlderSchema(location: shown, pending: pending)
            }
        }
        return ResultStore(location: shown, access: access, database: database, dialect: .postgresql)
    }
}

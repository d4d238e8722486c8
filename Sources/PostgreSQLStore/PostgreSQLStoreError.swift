import PostgresNIO

/// Why a PostgreSQL result store could not be used; one line a user can act on, never with the password.
public enum PostgreSQLStoreError: Error, CustomStringConvertible, Sendable {
    case badURL(text: String, reason: String)
    case cannotConnect(location: String, reason: String)
    case readOnlyOlderSchema(location: String, pending: [String])

    public var description: String {
        switch self {
        case let .badURL(text, reason):
            return "--db \(text): \(reason)"
        case let .cannotConnect(location, reason):
            return "cannot connect to result database \(location): \(reason) — check the server is running and "
                + "reachable, and the password (PGPASSWORD or ~/.pgpass; never put it in a protocol file)"
        case let .readOnlyOlderSchema(location, pending):
            return "result database \(location) lacks this dlbench's migrations (\(pending.joined(separator: ", "))); "
                + "`dlbench run` or `dlbench merge --into` it once to upgrade it"
        }
    }

    /// A server or driver error in one line: the server's own message (with its SQLSTATE and detail) when there
    /// is one, else the driver's code and underlying error.
    static func summary(_ error: Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo, let message = info[.message] {
            var text = message
            if let state = info[.sqlState] { text += " (SQLSTATE \(state))" }
            if let detail = info[.detail] { text += ": \(detail)" }
            return text
        }
        if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
        return "\(psql.code)"
    }
}

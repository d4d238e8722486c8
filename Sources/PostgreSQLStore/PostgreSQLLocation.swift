import Foundation

/// A `postgres://` (or `postgresql://`) URL as `--db` takes it, with libpq's defaults and password sources, so a
/// fleet's nodes and CI jobs configure dlbench the way they already configure `psql`.
public struct PostgreSQLLocation: Sendable, Equatable {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var tls: TLSMode
    /// From the URL (discouraged), `PGPASSWORD` or the password file; never printed, never stored.
    var password: String?

    /// True when `location` names a server rather than a SQLite file.
    public static func isServerURL(_ location: String) -> Bool {
        let lowered = location.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Parses `text`; `environment` supplies PGUSER, PGHOST, PGPORT, PGDATABASE, PGPASSWORD, PGPASSFILE, HOME.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isServerURL(text), let components = URLComponents(string: text) else {
            throw PostgreSQLStoreError.badURL(text: Self.redacted(text),
                                              reason: "expected postgres://USER@HOST:PORT/DATABASE")
        }
        let user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding }.flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "localhost"
        if let port = components.port {
            self.port = port
        } else if let text = environment["PGPORT"] {
            guard let port = Int(text), (1...65_535).contains(port) else {
                throw PostgreSQLStoreError.badURL(text: Self.redacted(text), reason: "PGPORT '\(text)' is not a port number")
            }
            self.port = port
        } else {
            port = 5432
        }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? environment["PGDATABASE"] ?? user : path
        self.user = user
        tls = .prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw PostgreSQLStoreError.badURL(
                        text: Self.redacted(text),
                        reason: "sslmode '\(item.value ?? "")' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            default:
                throw PostgreSQLStoreError.badURL(text: Self.redacted(text),
                                                  reason: "unknown parameter '\(item.name)' (dlbench knows sslmode)")
            }
        }
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
            ?? environment["PGPASSWORD"]
            ?? PasswordFile.lookup(host: host, port: port, database: database, user: user, environment: environment)
    }

    /// The URL without any password: what error messages, `runs` and the stored run show.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// `text` with a password between `:` and `@` replaced, for errors about a URL that did not parse.
    static func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: "://([^:/@]*):[^@/]*@", with: "://$1:***@", options: .regularExpression)
    }
}

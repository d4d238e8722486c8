import Foundation
import Logging
import PostgresNIO
import ResultStore

/// A PostgreSQL database as a result store: one connection per open store, one server transaction per write, so
/// many `dlbench run` processes on many machines write one database at once and each trial commits alone.
final class PostgreSQLStoreDatabase: StoreDatabase, @unchecked Sendable {
    let location: PostgreSQLLocation
    /// Guards `connection` and `active`; recursive so a read inside a read reuses the open transaction.
    private let lock = NSRecursiveLock()
    private var connection: PostgresConnection?
    private var active: PostgreSQLStoreConnection?
    /// postgres-nio logs through swift-log; dlbench's errors already say what failed, so its log stays silent.
    private let logger = Logger(label: "dlbench.PostgreSQLStore", factory: { _ in SwiftLogNoOpLogHandler() })

    init(location: PostgreSQLLocation) throws {
        self.location = location
        _ = try connect()
    }

    /// postgres-nio requires a connection closed before it is released; stores are released on dlbench's own
    /// threads, never on an event loop, so waiting here is safe.
    deinit {
        let closing: EventLoopFuture<Void>? = connection?.close()
        try? closing?.wait()
    }

    func write<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN", body)
    }

    /// A snapshot: every query of one read sees the same committed runs, whatever other writers do meanwhile.
    func read<T>(_ body: (any StoreConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// Runs `body` in one server transaction. When the connection is lost (a server restart, a network blip), the
    /// transaction is rolled back by the server, so it is retried on a new connection for up to about 30 s: a
    /// long run keeps its next trial instead of failing. A retry cannot duplicate rows: a commit whose answer was
    /// lost meets the unique run UUID or (case, trial) key and fails loudly instead.
    private func transaction<T>(begin: String, _ body: (any StoreConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if let active { return try body(active) }
        var delay = 0.5
        let deadline = Date().addingTimeInterval(30)
        while true {
            let connection = try connect()
            do {
                return try attempt(begin: begin, on: connection, body)
            } catch where connection.isClosed && Date() < deadline {
                Thread.sleep(forTimeInterval: delay)
                delay = min(delay * 2, 8)
            }
        }
    }

    private func attempt<T>(begin: String, on connection: PostgresConnection,
                            _ body: (any StoreConnection) throws -> T) throws -> T {
        let session = PostgreSQLStoreConnection(connection: connection, logger: logger, location: location.description)
        _ = try session.run(begin, [])
        active = session
        defer { active = nil }
        do {
            let result = try body(session)
            _ = try session.run("COMMIT", [])
            return result
        } catch {
            if !connection.isClosed { _ = try? session.run("ROLLBACK", []) }
            throw error
        }
    }

    /// The open connection, or a new one when there is none or the server closed it.
    private func connect() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try Self.tls(location.tls)
        } catch {
            throw PostgreSQLStoreError.cannotConnect(location: location.description, reason: "TLS setup: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            let opened = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: 1,
                logger: logger).wait()
            connection = opened
            return opened
        } catch {
            throw PostgreSQLStoreError.cannotConnect(location: location.description,
                                                     reason: PostgreSQLStoreError.summary(error))
        }
    }

    /// libpq's meaning: `prefer` tries TLS and falls back, `require` insists; neither verifies the certificate.
    private static func tls(_ mode: PostgreSQLLocation.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        guard mode != .disable else { return .disable }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        let context = try NIOSSLContext(configuration: configuration)
        return mode == .require ? .require(context) : .prefer(context)
    }
}

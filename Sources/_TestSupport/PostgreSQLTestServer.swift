import Foundation
import XCTest

/// The throw-away PostgreSQL server that `scripts/start-test-postgres.sh` starts (its URL in
/// `DLBENCH_TEST_POSTGRES_URL`, its password in `PGPASSWORD`). Each test gets its own database on it, created and
/// dropped with `psql`, so tests never see each other's runs. Without a server the tests skip with the reason;
/// under CI, where `.ci/run` starts one, a missing server fails them instead.
public enum PostgreSQLTestServer {
    public static func requireURL(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let url = ProcessInfo.processInfo.environment["DLBENCH_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        let reason = "no PostgreSQL test server: DLBENCH_TEST_POSTGRES_URL is unset "
            + "(eval \"$(scripts/start-test-postgres.sh)\" starts one; scripts/test.sh does it when PostgreSQL is installed)"
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail(reason + " — CI must run the PostgreSQL store tests", file: file, line: line)
        }
        throw XCTSkip(reason)
    }

    /// A new, empty database on the test server; returns its URL. Drop it with `drop(_:)`.
    public static func freshDatabase(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let server = try requireURL(file: file, line: line)
        let name = "dlbench_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql(server, "CREATE DATABASE \(name)")
        return url(server, database: name)
    }

    /// Drops a database `freshDatabase` made (closing whatever connections are left).
    public static func drop(_ databaseURL: String) {
        guard let server = ProcessInfo.processInfo.environment["DLBENCH_TEST_POSTGRES_URL"],
              let name = databaseURL.split(separator: "/").last else { return }
        try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one statement with psql on the database at `databaseURL`; throws with psql's message when it fails.
    public static func psql(_ databaseURL: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", databaseURL, "-c", sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgreSQLTestServerError(description: "psql \(sql): \(message)")
        }
    }

    static func url(_ server: String, database: String) -> String {
        guard let slash = server.range(of: "/", options: .backwards), server[..<slash.lowerBound].hasSuffix("//") == false
        else { return server + "/" + database }
        return server[..<slash.lowerBound] + "/" + database
    }
}

public struct PostgreSQLTestServerError: Error, CustomStringConvertible {
    public var description: String
}

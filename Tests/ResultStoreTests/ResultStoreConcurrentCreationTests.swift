import XCTest
import Foundation
import ResultStore

/// Several creators opening the same new database at once. Before the exclusive create-and-migrate, a creator
/// failed on "table … already exists" (each migration checked and ran in its own transaction) or on
/// `PRAGMA journal_mode = WAL` ("database is locked") in most tries, and its run was lost.
final class ResultStoreConcurrentCreationTests: TemporaryDatabaseTestCase {
    private static let creators = 6
    private static let tries = 8
    private static let childPathVariable = "DLBENCH_TEST_CREATOR_DB"
    private static let childStartVariable = "DLBENCH_TEST_CREATOR_START"

    /// One creator: open the store and record a run, as `dlbench run` does first.
    private static func create(path: String) throws {
        let store = try ResultStore(path: path)
        _ = try store.beginRun(protocolName: "p", protocolPath: "p.json", protocolText: "{}", startedAt: Date(),
                               dlbenchCommit: nil)
    }

    func testConcurrentCreatorsInThreadsAllSucceed() throws {
        var failures: [String] = []
        var failedTries = 0
        for attempt in 0..<Self.tries {
            let path = directory.appendingPathComponent("threads-\(attempt)/results.sqlite").path
            let errors = Self.runConcurrently(count: Self.creators) { try Self.create(path: path) }
            failures += errors.map { "try \(attempt): \($0)" }
            failedTries += errors.isEmpty ? 0 : 1
            XCTAssertEqual(try ResultStore(path: path).runs().count, Self.creators - errors.count)
        }
        XCTAssertEqual(failures, [], "\(failedTries) of \(Self.tries) tries lost a run")
    }

    /// The same with processes (the test binary re-run as a creator), the way two `dlbench run` meet.
    func testConcurrentCreatorsInProcessesAllSucceed() throws {
        #if os(Linux)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var failures: [String] = []
        var failedTries = 0
        for attempt in 0..<Self.tries {
            let path = directory.appendingPathComponent("processes-\(attempt)/results.sqlite").path
            let start = Date().timeIntervalSince1970 + 0.4
            let children = try (0..<Self.creators).map { _ -> (Process, Pipe) in
                let process = Process()
                let output = Pipe()
                process.executableURL = executable
                process.arguments = ["ResultStoreTests.ResultStoreConcurrentCreationTests/testCreatorChild"]
                var environment = ProcessInfo.processInfo.environment
                environment[Self.childPathVariable] = path
                environment[Self.childStartVariable] = String(start)
                process.environment = environment
                process.standardOutput = output
                process.standardError = output
                try process.run()
                return (process, output)
            }
            var lost = 0
            for (process, output) in children {
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                if process.terminationStatus != 0 {
                    lost += 1
                    failures.append("try \(attempt): " + text.split(separator: "\n").filter { $0.contains("error") }
                        .joined(separator: " | "))
                }
            }
            failedTries += lost == 0 ? 0 : 1
            XCTAssertEqual(try ResultStore(path: path).runs().count, Self.creators - lost)
        }
        XCTAssertEqual(failures, [], "\(failedTries) of \(Self.tries) tries lost a run")
        #else
        throw XCTSkip("re-running the test binary as a creator is implemented for Linux")
        #endif
    }

    /// The creator process of `testConcurrentCreatorsInProcessesAllSucceed`; does nothing in a normal test run.
    func testCreatorChild() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Self.childPathVariable],
              let start = environment[Self.childStartVariable].flatMap(Double.init) else { return }
        let wait = start - Date().timeIntervalSince1970
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        try Self.create(path: path)
    }

    /// Runs `body` on `count` threads released together; returns the errors thrown.
    private static func runConcurrently(count: Int, _ body: @escaping @Sendable () throws -> Void) -> [String] {
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let lock = NSLock()
        nonisolated(unsafe) var errors: [String] = []
        for _ in 0..<count {
            done.enter()
            Thread.detachNewThread {
                start.wait()
                do { try body() } catch {
                    lock.lock()
                    errors.append("\(error)")
                    lock.unlock()
                }
                done.leave()
            }
        }
        for _ in 0..<count { start.signal() }
        done.wait()
        return errors
    }
}

import Foundation
import ProtocolModel
import ResultStore
@testable import Runner
@testable import TrialExecution
import XCTest

/// Outputs never destroy inputs: `exportWeights` cannot replace the result database (under any name), a device
/// node or a file dlbench did not write, and stays inside the protocol's folder unless the run allows otherwise.
final class OutputFileGuardTests: RunnerTestCase {
    var folder: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = NSTemporaryDirectory() + "dlbench-outputs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
        try super.tearDownWithError()
    }

    private func check(_ path: String, _ permissions: OutputPermissions = OutputPermissions()) throws {
        try OutputFileGuard.check(path, key: "exportWeights", protocolDirectory: folder, permissions: permissions)
    }

    private func refusal(_ path: String, _ permissions: OutputPermissions = OutputPermissions()) -> String {
        do { try check(path, permissions); return "" } catch { return "\(error)" }
    }

    func testTheDatabaseIsNeverReplacedWhateverItIsCalled() throws {
        let database = folder + "/results.sqlite"
        _ = try ResultStore(path: database)
        let everything = OutputPermissions(allowOutsideProtocolFolder: true, overwriteForeignFiles: true,
                                           protectedPaths: [database])
        XCTAssertTrue(refusal(database, everything).contains("this is the result database"))
        XCTAssertTrue(refusal(folder + "/./results.sqlite", everything).contains("result database"))
        // Another SQLite file, or the same one under a link: recognised by its contents.
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.safetensors", withDestinationPath: database)
        XCTAssertTrue(refusal(folder + "/link.safetensors", OutputPermissions(overwriteForeignFiles: true))
            .contains("is a SQLite database"))
    }

    func testNonRegularFilesAndForeignFilesAreRefused() throws {
        let all = OutputPermissions(allowOutsideProtocolFolder: true)
        XCTAssertTrue(refusal("/dev/null", all).contains("is not a regular file"))
        XCTAssertTrue(refusal(folder, all).contains("is not a regular file"))
        let foreign = folder + "/notes.safetensors"
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: foreign))
        XCTAssertTrue(refusal(foreign).contains("was not written by dlbench; move it away or pass --overwrite"))
        XCTAssertNoThrow(try check(foreign, OutputPermissions(overwriteForeignFiles: true)))
    }

    func testPathsStayInsideTheProtocolsFolderUnlessAllowed() throws {
        XCTAssertTrue(refusal(folder + "/../escape.safetensors").contains("outside the protocol's folder"))
        XCTAssertTrue(refusal("/tmp/elsewhere.safetensors").contains("--allow-outside-output"))
        XCTAssertNoThrow(try check(folder + "/new/deeper/w.safetensors"))
        // Allowed outside, a missing folder is not created out there.
        XCTAssertTrue(refusal("/nonexistent-dlbench/w.safetensors", OutputPermissions(allowOutsideProtocolFolder: true))
            .contains("does not exist; create it first"))
    }

    func testWritesReplaceOnlyWhatDlbenchWroteAndLeaveNoTemporaryFile() throws {
        let path = folder + "/out/w.safetensors"
        try check(path)
        let file = SafeTensorsFileFixture.dlbenchFile()
        try OutputFileGuard.write(file, to: path, key: "exportWeights")
        XCTAssertTrue(OutputFileGuard.wasWrittenByDLBench(path))
        XCTAssertNoThrow(try check(path), "a file dlbench wrote may be replaced by the next trial")
        try OutputFileGuard.write(file, to: path, key: "exportWeights")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/out"), ["w.safetensors"])
    }

    /// A write that fails halfway (here: the file-size limit, standing in for a full disk) names the path and the
    /// system's reason, and leaves neither a partial file nor the temporary one behind.
    func testAFailedWriteLeavesNothingAndSaysWhy() throws {
        let path = folder + "/w.safetensors"
        var previous = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &previous)
        signal(SIGXFSZ, SIG_IGN)
        var limit = previous
        limit.rlim_cur = 64
        setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
        defer { setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &previous); signal(SIGXFSZ, SIG_DFL) }
        XCTAssertThrowsError(try OutputFileGuard.write([UInt8](repeating: 1, count: 4096), to: path, key: "exportWeights")) {
            let text = "\($0)"
            XCTAssertTrue(text.hasPrefix("exportWeights: \(path): writing 4096 bytes failed after 64: File too large"), text)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])
    }

    /// The issue's probe: `exportWeights` set to the run's own database. Refused before anything is recorded.
    func testARunWhoseExportWouldReplaceTheDatabaseIsRefusedBeforeItStarts() throws {
        let text = protocolText().replacingOccurrences(
            of: #""momentum": 0.9 } },"#, with: #""momentum": 0.9 }, "exportWeights": "results.sqlite" },"#)
        let protocolPath = folder + "/p.json"
        let database = folder + "/results.sqlite"
        let store = try ResultStore(path: database)
        let benchmark = try ProtocolLoader.decode(text, file: protocolPath)
        let runner = BenchmarkRunner(store: store, outputPermissions: OutputPermissions(protectedPaths: [database]))
        XCTAssertThrowsError(try runner.run(benchmark, protocolPath: protocolPath, protocolText: text)) { error in
            XCTAssertTrue("\(error)".contains("task 'train' exportWeights"), "\(error)")
        }
        XCTAssertEqual(try store.runs().count, 0)
        XCTAssertTrue(OutputFileGuard.isSQLiteFile(database))
    }
}

enum SafeTensorsFileFixture {
    /// The bytes of a one-tensor safetensors file with dlbench's provenance metadata.
    static func dlbenchFile() -> [UInt8] {
        let header = #"{"__metadata__":{"dlbench.protocol":"p","format":"pt"},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian, Array.init)
        bytes += Array(header.utf8) + [0, 0, 128, 63]
        return bytes
    }
}

import XCTest
@testable import ProtocolModel

final class MultipleIssueTests: XCTestCase {
    func testAllProblemsAreReportedTogetherInDocumentOrder() {
        let text = """
        {
          "name": "many-problems",
          "machines": [{ "name": "m", "threads": 0 }],
          "datasets": [{ "name": "d", "kind": "gaussian-clusters", "features": 2, "classes": 2, "trainSamples": 1, "testSamples": 1, "nosie": 1 }],
          "models": [{ "name": "net", "kind": "mlp", "hidden": [4] }],
          "engines": [{ "name": "e", "kind": "eagre" }],
          "tasks": [
            { "name": "t", "kind": "train", "model": "nett", "dataset": "d", "batchSize": 4, "steps": 1, "epochs": 1,
              "optimizer": { "kind": "adam", "lr": -1 } }
          ],
          "repetition": { "trials": 1001 }
        }
        """
        let error = decodingError(text, file: "Protocols/many.json")
        XCTAssertEqual(error.issues.map(\.path), [
            "machines[0].threads",
            "datasets[0].nosie",
            "engines[0].kind",
            "tasks[0].model",
            "tasks[0].epochs",
            "tasks[0].optimizer.lr",
            "repetition.trials",
        ])
        XCTAssertEqual(error.issues.map { $0.line ?? 0 }, [3, 4, 6, 8, 8, 9, 11])
        let lines = error.description.split(separator: "\n")
        XCTAssertEqual(lines.count, 7)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("Protocols/many.json:") })
        XCTAssertTrue(error.description.contains("did you mean 'noise'?"))
        XCTAssertTrue(error.description.contains("did you mean 'net'?"))
    }
}

import XCTest
@testable import ProtocolModel

final class TrainingLengthTests: XCTestCase {
    private func task(_ lengthMembers: String) -> String {
        SampleProtocol.withTask(
            #""kind": "train", "model": "mlp-small", "dataset": "blobs", "batchSize": 4, \#(lengthMembers)"optimizer": { "kind": "sgd", "lr": 1 }"#)
    }

    func testBothStepsAndEpochsIsRejected() {
        assertSingleIssue(task(#""steps": 10, "epochs": 2, "#), path: "tasks[0].epochs",
                          contains: ["expected exactly one of 'steps' or 'epochs', found both"])
    }

    func testNeitherStepsNorEpochsIsRejected() {
        assertSingleIssue(task(""), path: "tasks[0]",
                          contains: ["expected exactly one of 'steps' or 'epochs'", "found neither"])
    }

    func testEpochsMustBePositive() {
        assertSingleIssue(task(#""epochs": 0, "#), path: "tasks[0].epochs", contains: ["expected an integer between 1 and 1000000, found 0"])
    }

    func testEpochsConvertToStepsRoundingUpPartialBatches() {
        XCTAssertEqual(TrainingLength.epochs(2).totalSteps(trainSamples: 10, batchSize: 4), 6)
        XCTAssertEqual(TrainingLength.steps(7).totalSteps(trainSamples: 10, batchSize: 4), 7)
    }
}

import XCTest
import _TestSupport
@testable import Datasets

final class PipelineTests: XCTestCase {
    private let split = LabeledSplit(exampleShape: [2, 2], features: [0, 255, 255, 0, 51, 51, 102, 102], labels: [0, 1], classes: 2)

    func testNormalizationScalesThenStandardisesPerChannel() throws {
        var normalized = split
        try Normalization(scale: 1 / 255, mean: [0.5, 0.2], standardDeviation: [0.5, 0.1]).apply(to: &normalized, dataset: "n")
        assertAllClose(normalized.features, [-1, 1, 8, -2, -0.6, -0.6, 2, 2], relative: 1e-5, absolute: 1e-5)
    }

    func testNormalizationWithTheWrongChannelCountIsASettingError() {
        var normalized = split
        XCTAssertThrowsError(try Normalization(mean: [1, 2, 3]).apply(to: &normalized, dataset: "n")) { error in
            XCTAssertTrue("\(error)".contains("expected 1 or 2"), "\(error)")
        }
    }

    func testValidationHoldOutIsSeededDisjointAndComplete() throws {
        let all = LabeledSplit(exampleShape: [1], features: (0..<100).map(Float.init), labels: (0..<100).map { $0 % 4 }, classes: 4)
        let dataset = LabeledDataset(name: "d", train: all, test: all)
        let held = try dataset.holdingOutValidation(0.2, seed: 3)
        XCTAssertEqual(held, try dataset.holdingOutValidation(0.2, seed: 3))
        XCTAssertEqual(held.validation?.count, 20)
        XCTAssertEqual(held.train.count, 80)
        XCTAssertEqual(Set(held.train.features + (held.validation?.features ?? [])), Set(all.features))
        XCTAssertNotEqual(held.validation, try dataset.holdingOutValidation(0.2, seed: 4).validation)
    }

    func testHoldingOutEverythingIsRefused() {
        XCTAssertThrowsError(try LabeledDataset.holdingOut(0.1, of: split, name: "tiny", seed: 1))
    }

    func testLoadTimeIsNotPartOfEquality() {
        var timed = LabeledDataset(name: "d", train: split, test: split)
        timed.loadMilliseconds = 12
        XCTAssertEqual(timed, LabeledDataset(name: "d", train: split, test: split))
    }
}

import XCTest
@testable import Datasets

final class SyntheticDatasetTests: XCTestCase {
    func testSyntheticDigitsAreReproducibleFromTheSeed() {
        let first = SyntheticDigits.make(name: "d", trainSamples: 20, testSamples: 10, seed: 5)
        XCTAssertEqual(first, SyntheticDigits.make(name: "d", trainSamples: 20, testSamples: 10, seed: 5))
        XCTAssertNotEqual(first.train.features, SyntheticDigits.make(name: "d", trainSamples: 20, testSamples: 10, seed: 6).train.features)
    }

    func testSyntheticDigitsAreGreyImagesWithInkOnAllTenClasses() {
        let dataset = SyntheticDigits.make(name: "d", trainSamples: 200, testSamples: 1, noise: 0, seed: 1)
        XCTAssertEqual(dataset.train.exampleShape, [1, 28, 28])
        XCTAssertEqual(dataset.train.classes, 10)
        XCTAssertEqual(Set(dataset.train.labels), Set(0..<10))
        XCTAssertTrue(dataset.train.features.allSatisfy { $0 >= 0 && $0 <= 1 })
        for example in 0..<dataset.train.count {
            let ink = dataset.train.batch(example..<(example + 1)).features.reduce(0, +)
            XCTAssertGreaterThan(ink, 20, "example \(example) has a visible digit")
            XCTAssertLessThan(ink, 400, "example \(example) is not a filled square")
        }
    }

    func testSyntheticDigitClassesDifferMoreThanExamplesOfOneClass() {
        let dataset = SyntheticDigits.make(name: "d", trainSamples: 400, testSamples: 1, noise: 0, seed: 2)
        var means = [[Float]](repeating: [Float](repeating: 0, count: 784), count: 10)
        var counts = [Float](repeating: 0, count: 10)
        for (index, label) in dataset.train.labels.enumerated() {
            counts[label] += 1
            for pixel in 0..<784 { means[label][pixel] += dataset.train.features[index * 784 + pixel] }
        }
        for label in 0..<10 { means[label] = means[label].map { $0 / counts[label] } }
        func distance(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        // Nearest-class-mean on the training data itself: far above the 10 % of chance if classes differ in shape.
        var correct = 0
        for (index, label) in dataset.train.labels.enumerated() {
            let image = Array(dataset.train.features[(index * 784)..<((index + 1) * 784)])
            let predicted = (0..<10).min { distance(image, means[$0]) < distance(image, means[$1]) }
            if predicted == label { correct += 1 }
        }
        XCTAssertGreaterThan(Double(correct) / 400, 0.5)
    }

    func testSyntheticTextIsReproducibleAndItsClassFollowsKeywordAndOrder() throws {
        let dataset = try SyntheticText.make(name: "t", trainSamples: 300, testSamples: 50, vocabulary: 20, sequenceLength: 12,
                                             classes: 6, seed: 9)
        XCTAssertEqual(dataset, try SyntheticText.make(name: "t", trainSamples: 300, testSamples: 50, vocabulary: 20,
                                                        sequenceLength: 12, classes: 6, seed: 9))
        XCTAssertEqual(dataset.train.exampleShape, [12])
        XCTAssertEqual(Set(dataset.train.labels), Set(0..<6))
        let marker: Float = 4
        for (index, label) in dataset.train.labels.enumerated() {
            let tokens = Array(dataset.train.features[(index * 12)..<((index + 1) * 12)])
            XCTAssertTrue(tokens.allSatisfy { $0 >= 1 && $0 < 20 })
            let keywords = tokens.enumerated().filter { $0.element >= 1 && $0.element <= 3 }
            let markers = tokens.enumerated().filter { $0.element == marker }
            XCTAssertEqual(keywords.count, 1)
            XCTAssertEqual(markers.count, 1)
            guard let keyword = keywords.first, let markerAt = markers.first else { continue }
            XCTAssertEqual(label, 2 * (Int(keyword.element) - 1) + (keyword.offset > markerAt.offset ? 1 : 0))
        }
    }

    func testSyntheticTextRejectsAnOddClassCount() {
        XCTAssertThrowsError(try SyntheticText.make(name: "t", trainSamples: 1, testSamples: 1, vocabulary: 20, sequenceLength: 4,
                                                     classes: 3, seed: 1))
    }

    func testGaussianClustersAreReproducibleFromTheSeed() {
        let make = { GaussianClusters.make(name: "g", features: 4, classes: 3, trainSamples: 30, testSamples: 9, noise: 1, seed: $0) }
        XCTAssertEqual(make(3), make(3))
        XCTAssertNotEqual(make(3).train.features, make(4).train.features)
    }
}

import XCTest
import _TestSupport
@testable import Datasets

final class NPYLoaderTests: TemporaryDirectoryTestCase {
    private func writeKerasDirectory(trainLabels: [Int64] = [0, 1, 1], labelShape: [Int]? = nil) {
        let trainImages = (0..<12).map { Float($0) / 2 }
        write(NPYBytes.file(descriptor: "<f4", shape: [3, 2, 2], data: NPYBytes.float32(trainImages)), to: NPYDataset.fileNames.trainFeatures)
        write(NPYBytes.file(descriptor: "<i8", shape: labelShape ?? [trainLabels.count], data: NPYBytes.int64(trainLabels)),
              to: NPYDataset.fileNames.trainLabels)
        write(NPYBytes.file(descriptor: "|u1", shape: [2, 2, 2], data: [0, 50, 100, 150, 200, 250, 255, 1], major: 2),
              to: NPYDataset.fileNames.testFeatures)
        write(NPYBytes.file(descriptor: "|u1", shape: [2], data: [1, 0]), to: NPYDataset.fileNames.testLabels)
    }

    func testKerasDirectoryWithFloat32Int64AndVersion2Uint8ArraysLoads() throws {
        writeKerasDirectory()
        let dataset = try NPYDataset.load(name: "keras", directory: directory, classes: 2)
        XCTAssertEqual(dataset.train.exampleShape, [1, 2, 2])
        assertAllClose(dataset.train.features, (0..<12).map { Float($0) / 2 })
        XCTAssertEqual(dataset.train.labels, [0, 1, 1])
        XCTAssertEqual(dataset.test.features, [0, 50, 100, 150, 200, 250, 255, 1])
        XCTAssertEqual(dataset.test.labels, [1, 0])
    }

    func testWrongMagicIsRejected() {
        let path = write(Array("not an npy file at all".utf8), to: "bad.npy")
        guard case .badFormat(let file, 0, _, _)? = datasetError({ _ = try NPYFile.read(path) }) else {
            return XCTFail("expected badFormat at byte 0")
        }
        XCTAssertEqual(file, path)
    }

    func testTruncatedDataNamesTheOffset() {
        let bytes = NPYBytes.file(descriptor: "<f4", shape: [4], data: NPYBytes.float32([1, 2, 3, 4]))
        let path = write(Array(bytes.dropLast(3)), to: "cut.npy")
        XCTAssertEqual(datasetError { _ = try NPYFile.read(path) }, .truncated(file: path, offset: 128, needed: 16, available: 13))
    }

    func testFortranOrderAndUnsupportedDtypesAreRejected() {
        let fortran = write(NPYBytes.file(descriptor: "<f4", shape: [1, 1], data: NPYBytes.float32([1]), fortranOrder: true), to: "f.npy")
        XCTAssertTrue(datasetError { _ = try NPYFile.read(fortran) }?.description.contains("C order") ?? false)
        let double = write(NPYBytes.file(descriptor: "<f8", shape: [1], data: [UInt8](repeating: 0, count: 8)), to: "d.npy")
        XCTAssertTrue(datasetError { _ = try NPYFile.read(double) }?.description.contains("found '<f8'") ?? false)
    }

    func testLabelCountMustMatchTheExampleCount() {
        writeKerasDirectory(trainLabels: [0, 1])
        guard case .countMismatch(let file, _, _, let found)? = datasetError({
            _ = try NPYDataset.load(name: "keras", directory: self.directory, classes: 2)
        }) else { return XCTFail("expected countMismatch") }
        XCTAssertTrue(file.hasSuffix("y_train.npy"))
        XCTAssertEqual(found, "shape [2]")
    }

    func testLabelOutOfRangeNamesItsByteOffset() {
        writeKerasDirectory(trainLabels: [0, -1, 1])
        XCTAssertEqual(datasetError { _ = try NPYDataset.load(name: "keras", directory: self.directory, classes: 2) },
                       .labelOutOfRange(file: directory + "/y_train.npy", location: "byte 136", label: "-1", classes: 2))
    }
}

import XCTest
@testable import Datasets

/// Hostile `.npy` files (issue #15): overflowing shapes, shapes larger than the file, NaN and infinity, and
/// empty arrays are `DatasetError`s naming the file and the byte; valid files still load.
final class NPYHostileInputTests: TemporaryDirectoryTestCase {
    func testShapeWhoseProductOverflowsIsTooLargeNotATrap() {
        let path = write(NPYBytes.file(descriptor: "<f4", shape: [1 << 32, 1 << 32, 8], data: []), to: "huge.npy")
        let error = datasetError { _ = try NPYFile.read(path) }
        guard case .tooLarge(path, 10, _, let found)? = error else { return XCTFail(String(describing: error)) }
        XCTAssertEqual(found, "shape [4294967296, 4294967296, 8]")
    }

    func testShapeLargerThanTheFileIsTruncationCheckedBeforeAllocating() {
        let path = write(NPYBytes.file(descriptor: "<f4", shape: [1 << 40], data: [0, 0, 0, 0]), to: "big.npy")
        XCTAssertEqual(datasetError { _ = try NPYFile.read(path) }, .truncated(file: path, offset: 128, needed: 1 << 42, available: 4))
    }

    func testNaNAndInfinityNameTheByteAndTheElement() {
        for (value, found) in [(Float.nan, "NaN"), (.infinity, "+infinity"), (-.infinity, "-infinity")] {
            let path = write(NPYBytes.file(descriptor: "<f4", shape: [2, 2], data: NPYBytes.float32([0, 1, value, 3])), to: "bad.npy")
            XCTAssertEqual(datasetError { _ = try NPYFile.read(path) },
                           .nonFinite(file: path, location: "byte 136 (element 2)", found: found))
        }
    }

    func testAllNaNFeaturesFailTheLoadInsteadOfTraining() {
        write(NPYBytes.file(descriptor: "<f4", shape: [2, 2], data: NPYBytes.float32([.nan, .nan, .nan, .nan])),
              to: NPYDataset.fileNames.trainFeatures)
        write(NPYBytes.file(descriptor: "<i8", shape: [2], data: NPYBytes.int64([0, 1])), to: NPYDataset.fileNames.trainLabels)
        let error = datasetError { _ = try NPYDataset.load(name: "keras", directory: self.directory, classes: 2) }
        XCTAssertEqual(error, .nonFinite(file: directory + "/x_train.npy", location: "byte 128 (element 0)", found: "NaN"))
        XCTAssertEqual(error?.description, "\(directory!)/x_train.npy: byte 128 (element 0): expected a finite number, found NaN")
    }

    func testZeroExamplesAndZeroSizedExamplesAreEmpty() {
        for (shape, found) in [([0, 3], "shape [0, 3]: 0 examples"), ([5, 0], "shape [5, 0]: dimension 1 is 0")] {
            write(NPYBytes.file(descriptor: "<f4", shape: shape, data: []), to: NPYDataset.fileNames.trainFeatures)
            write(NPYBytes.file(descriptor: "<i8", shape: [shape[0]], data: NPYBytes.int64(Array(repeating: 0, count: shape[0]))),
                  to: NPYDataset.fileNames.trainLabels)
            let error = datasetError { _ = try NPYDataset.load(name: "keras", directory: self.directory, classes: 2) }
            guard case .empty(let file, _, _, found)? = error else { XCTFail("\(shape): \(String(describing: error))"); continue }
            XCTAssertTrue(file.hasSuffix("x_train.npy"))
        }
    }

    /// A version-1 file whose header spells the shape as `shapeText`, with no data.
    private func file(shapeText: String) -> [UInt8] {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
    }

    func testNegativeOrNonIntegerDimensionsAreBadFormat() {
        for shape in ["(-1, 2)", "(2.5,)", "(0x10,)", "(99999999999999999999,)"] {
            guard case .badFormat(_, 10, let expected, _)? = datasetError({ _ = try NPYFile.parse(self.file(shapeText: shape), file: "d.npy") }) else {
                XCTFail("expected badFormat for \(shape)")
                continue
            }
            XCTAssertEqual(expected, "non-negative integer dimensions", shape)
        }
    }

    func testLargeFiniteValuesAndEmptyLabelArraysStillParse() throws {
        let values: [Float] = [.greatestFiniteMagnitude, -.leastNonzeroMagnitude, 0, -0.0]
        XCTAssertEqual(try NPYFile.parse(NPYBytes.file(descriptor: "<f4", shape: [4], data: NPYBytes.float32(values)), file: "ok").values, values)
        XCTAssertEqual(try NPYFile.parse(NPYBytes.file(descriptor: "<i8", shape: [0], data: []), file: "none").shape, [0])
    }
}

import XCTest
@testable import Datasets

/// Hostile IDX files (issue #15): every one is a `DatasetError` naming the file, the byte and what was expected —
/// never a trap, an allocation of the declared size, or a dataset that trains on quietly wrong numbers.
final class IDXHostileInputTests: TemporaryDirectoryTestCase {
    func testDimensionsWhoseProductOverflowsAreTooLargeNotATrap() {
        let path = write(IDXBytes.header(type: 0x08, dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF]) + [1, 2, 3], to: "huge-idx3-ubyte")
        let error = datasetError { _ = try IDXFile.read(path) }
        guard case .tooLarge(path, 4, _, let found)? = error else { return XCTFail(String(describing: error)) }
        XCTAssertTrue(found.contains("4294967295"), found)
    }

    /// Found by scripts/fuzz.sh against the loader before issue #15: five dimensions whose product wraps.
    func testFuzzerFoundRankFiveHeaderIsTooLarge() {
        let bytes: [UInt8] = [0x00, 0x00, 0x08, 0x05, 0x01, 0x03, 0x00, 0x00] + [UInt8](repeating: 0xFF, count: 14)
            + [0x02, 0x04, 0x06, 0x07, 0x0A, 0x0B]
        guard case .tooLarge("fuzz", 4, _, _)? = datasetError({ _ = try IDXFile.parse(bytes, file: "fuzz") }) else {
            return XCTFail("expected tooLarge")
        }
    }

    func testDimensionsLargerThanTheFileAreTruncationCheckedBeforeAllocating() {
        let path = write(IDXBytes.header(type: 0x0D, dimensions: [0xFFFF_FFFF, 3]) + [0, 0, 0, 0], to: "big-idx2-float")
        XCTAssertEqual(datasetError { _ = try IDXFile.read(path) },
                       .truncated(file: path, offset: 12, needed: 0xFFFF_FFFF * 3 * 4, available: 4))
    }

    func testSignedByteImagesAreRefusedNamingTheTypeByte() {
        writeIDXDirectory()
        var images = IDXBytes.images(count: 6, rows: 2, columns: 3) { _, pixel in UInt8(200 + pixel) }
        images[2] = 0x09
        write(images, to: IDXDataset.trainImages)
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        guard case .badFormat(let file, 2, _, let found)? = error else { return XCTFail(String(describing: error)) }
        XCTAssertTrue(file.hasSuffix(IDXDataset.trainImages))
        XCTAssertTrue(found.hasPrefix("09 (signed byte)"), found)
    }

    func testSignedByteLabelsAreReadAsSignedSoANegativeLabelIsOutOfRange() {
        writeIDXDirectory()
        write(IDXBytes.header(type: 0x09, dimensions: [6]) + [0, 1, 2, 0xFF, 1, 2], to: IDXDataset.trainLabels)
        XCTAssertEqual(datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) },
                       .labelOutOfRange(file: directory + "/" + IDXDataset.trainLabels, location: "byte 11", label: "-1", classes: 3))
    }

    func testZeroExamplesIsAnEmptyDatasetErrorNotAShapeErrorLater() {
        writeIDXDirectory()
        write(IDXBytes.header(type: 0x08, dimensions: [0, 2, 3]), to: IDXDataset.trainImages)
        write(IDXBytes.header(type: 0x08, dimensions: [0]), to: IDXDataset.trainLabels)
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        XCTAssertEqual(error, .empty(file: directory + "/" + IDXDataset.trainImages, offset: 4,
                                     expected: "at least one example (N in shape [N, …])", found: "shape [0, 2, 3]: 0 examples"))
    }

    func testZeroSizedImageDimensionNamesTheDimensionAndItsByte() {
        writeIDXDirectory()
        write(IDXBytes.header(type: 0x08, dimensions: [6, 0, 8]), to: IDXDataset.trainImages)
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        guard case .empty(_, 8, _, let found)? = error else { return XCTFail(String(describing: error)) }
        XCTAssertEqual(found, "shape [6, 0, 8]: dimension 1 is 0")
    }

    func testRankOneImageFileIsRefused() {
        writeIDXDirectory()
        write(IDXBytes.labels([0, 1, 2, 0, 1, 2]), to: IDXDataset.trainImages)
        guard case .countMismatch(_, 4, let expected, _)? = datasetError({
            _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3)
        }) else { return XCTFail("expected countMismatch") }
        XCTAssertTrue(expected.contains("rank ≥ 2"), expected)
    }

    func testNaNInFloatImagesNamesTheByteAndTheElement() {
        let data = [Float(0.5), 1, .nan, 2].flatMap { withUnsafeBytes(of: $0.bitPattern.bigEndian) { Array($0) } }
        let path = write(IDXBytes.header(type: 0x0D, dimensions: [1, 2, 2]) + data, to: "nan-idx3-float")
        XCTAssertEqual(datasetError { _ = try IDXFile.read(path) },
                       .nonFinite(file: path, location: "byte 24 (element 2)", found: "NaN"))
    }

    func testFloat64BeyondFloat32RangeIsRefusedWithTheFileValue() {
        let data = [1.0, 1e300].flatMap { withUnsafeBytes(of: $0.bitPattern.bigEndian) { Array($0) } }
        let path = write(IDXBytes.header(type: 0x0E, dimensions: [1, 2]) + data, to: "wide-idx2-double")
        let error = datasetError { _ = try IDXFile.read(path) }
        guard case .nonFinite(path, "byte 20 (element 1)", let found)? = error else { return XCTFail(String(describing: error)) }
        XCTAssertTrue(found.contains("outside float32's range"), found)
    }

    func testFiniteFloatAndInt16ImagesStillLoad() throws {
        let floats = [Float(0.5), -1, 2, 3].flatMap { withUnsafeBytes(of: $0.bitPattern.bigEndian) { Array($0) } }
        XCTAssertEqual(try IDXFile.parse(IDXBytes.header(type: 0x0D, dimensions: [2, 2]) + floats, file: "f").values, [0.5, -1, 2, 3])
        let shorts: [UInt8] = [0xFF, 0xFD, 0x01, 0x00]
        XCTAssertEqual(try IDXFile.parse(IDXBytes.header(type: 0x0B, dimensions: [2, 1]) + shorts, file: "s").values, [-3, 256])
    }

    func testTestFilesNamedTestInsteadOfT10kAreNamedInTheHint() throws {
        writeIDXDirectory()
        for name in [IDXDataset.testImages, IDXDataset.testLabels] {
            try FileManager.default.moveItem(atPath: directory + "/" + name,
                                             toPath: directory + "/" + name.replacingOccurrences(of: "t10k-", with: "test-"))
        }
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        guard case .unreadable(let file, let reason)? = error else { return XCTFail(String(describing: error)) }
        XCTAssertTrue(file.hasSuffix(IDXDataset.testImages))
        XCTAssertTrue(reason.contains("found test-images-idx3-ubyte"), reason)
        XCTAssertTrue(reason.contains("t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte"), reason)
    }

    func testMissingFileListsWhatTheFolderHolds() {
        write([0], to: "readme.txt")
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        XCTAssertTrue(error?.description.contains("the folder has readme.txt") ?? false, String(describing: error))
        let missing = directory + "/nowhere"
        XCTAssertTrue(datasetError { _ = try IDXDataset.load(name: "digits", directory: missing, classes: 3) }?
            .description.contains("the folder \(missing) does not exist") ?? false)
    }

    func testInflatingPastTheLimitIsTooLargeNotAnAllocation() {
        let inflated = GzipFixtures.largeImages.count
        guard case .tooLarge(_, _, let expected, _)? = datasetError({
            _ = try Gzip.decompress(GzipFixtures.dynamicHuffman, file: "bomb.gz", limit: inflated - 1)
        }) else { return XCTFail("expected tooLarge") }
        XCTAssertEqual(expected, "at most \(inflated - 1) inflated bytes")
        XCTAssertEqual(try Gzip.decompress(GzipFixtures.dynamicHuffman, file: "exact.gz", limit: inflated), GzipFixtures.largeImages)
    }
}

/// A device named as a data file is refused by name, not read until memory runs out.
final class DeviceAsDataFileTests: XCTestCase {
    func testADeviceIsNotADataFile() {
        XCTAssertThrowsError(try NPYFile.read("/dev/zero")) { error in
            XCTAssertTrue("\(error)".contains("/dev/zero") && "\(error)".contains("not a regular file"), "\(error)")
        }
    }
}

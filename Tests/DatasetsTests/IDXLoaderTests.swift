import XCTest
@testable import Datasets

final class IDXLoaderTests: TemporaryDirectoryTestCase {
    func testMNISTLayoutDirectoryLoadsOneChannelImagesAndLabels() throws {
        writeIDXDirectory()
        let dataset = try IDXDataset.load(name: "digits", directory: directory, classes: 3)
        XCTAssertEqual(dataset.train.exampleShape, [1, 2, 3])
        XCTAssertEqual(dataset.train.count, 6)
        XCTAssertEqual(dataset.train.labels, [0, 1, 2, 0, 1, 2])
        XCTAssertEqual(Array(dataset.train.features[6..<12]), [10, 11, 12, 13, 14, 15])
        XCTAssertEqual(dataset.test.labels, [2, 1, 0, 2])
        XCTAssertEqual(dataset.test.features.first, 200)
    }

    func testDeclaredExampleShapeReplacesTheFileShapeWhenSizesAgree() throws {
        writeIDXDirectory()
        let dataset = try IDXDataset.load(name: "digits", directory: directory, classes: 3, exampleShape: [6])
        XCTAssertEqual(dataset.train.exampleShape, [6])
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3, exampleShape: [5]) }
        guard case .countMismatch(let file, _, _, _)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(file.hasSuffix(IDXDataset.trainImages))
    }

    func testGzippedFilesOfEveryBlockTypeInflateToTheReferenceBytes() throws {
        for (name, compressed, expected) in [
            ("fixed", GzipFixtures.fixedHuffman, GzipFixtures.smallImages),
            ("stored", GzipFixtures.stored, GzipFixtures.smallImages),
            ("dynamic", GzipFixtures.dynamicHuffman, GzipFixtures.largeImages),
        ] {
            XCTAssertEqual(try Gzip.decompress(compressed, file: name), expected, name)
        }
    }

    func testGzippedImageFileIsFoundAndReadLikeThePlainOne() throws {
        writeIDXDirectory()
        try FileManager.default.removeItem(atPath: directory + "/" + IDXDataset.trainImages)
        try FileManager.default.removeItem(atPath: directory + "/" + IDXDataset.trainLabels)
        write(GzipFixtures.fixedHuffman, to: IDXDataset.trainImages + ".gz")
        write(IDXBytes.labels([0, 1, 2, 2, 1, 0]), to: IDXDataset.trainLabels)
        let dataset = try IDXDataset.load(name: "digits", directory: directory, classes: 3)
        XCTAssertEqual(dataset.train.exampleShape, [1, 4, 4])
        XCTAssertEqual(dataset.train.features.map { UInt8($0) }, Array(GzipFixtures.smallImages[16...]))
    }

    func testTruncatedImageFileNamesTheFileAndTheOffset() {
        let bytes = IDXBytes.images(count: 3, rows: 2, columns: 2) { _, _ in 7 }
        let path = write(Array(bytes.dropLast(5)), to: "short-idx3-ubyte")
        let error = datasetError { _ = try IDXFile.read(path) }
        XCTAssertEqual(error, .truncated(file: path, offset: 16, needed: 12, available: 7))
        XCTAssertTrue(error?.description.contains("short-idx3-ubyte: truncated at byte 16") ?? false)
    }

    func testTruncatedHeaderIsReportedAsTruncatedNotAsACrash() {
        let path = write([0, 0, 8, 3, 0, 0], to: "header-only")
        XCTAssertEqual(datasetError { _ = try IDXFile.read(path) }, .truncated(file: path, offset: 4, needed: 4, available: 2))
    }

    func testWrongMagicNumberIsRejectedAtByteZero() {
        let path = write([0x50, 0x4B, 3, 4] + [UInt8](repeating: 0, count: 20), to: "archive.zip")
        guard case .badFormat(let file, let offset, _, let found)? = datasetError({ _ = try IDXFile.read(path) }) else {
            return XCTFail("expected badFormat")
        }
        XCTAssertEqual(file, path)
        XCTAssertEqual(offset, 0)
        XCTAssertEqual(found, "50 4b 03 04")
    }

    func testTrailingBytesAreACountMismatch() {
        let path = write(IDXBytes.labels([1, 2]) + [9], to: "labels")
        guard case .countMismatch(_, let offset, _, _)? = datasetError({ _ = try IDXFile.read(path) }) else {
            return XCTFail("expected countMismatch")
        }
        XCTAssertEqual(offset, 10)
    }

    func testImageAndLabelCountsMustAgree() {
        writeIDXDirectory(trainLabels: [0, 1, 2, 0, 1])
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        guard case .countMismatch(let file, let offset, let expected, let found)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(file.hasSuffix(IDXDataset.trainLabels))
        XCTAssertEqual(offset, 4)
        XCTAssertTrue(expected.hasPrefix("6 labels"))
        XCTAssertEqual(found, "5")
    }

    func testLabelOutOfRangeNamesItsByteOffset() {
        writeIDXDirectory(trainLabels: [0, 1, 2, 0, 7, 2])
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 3) }
        XCTAssertEqual(error, .labelOutOfRange(file: directory + "/" + IDXDataset.trainLabels, location: "byte 12", label: "7", classes: 3))
    }

    func testMissingFileNamesBothSpellings() {
        let error = datasetError { _ = try IDXDataset.load(name: "digits", directory: self.directory, classes: 10) }
        XCTAssertTrue(error?.description.contains("train-images-idx3-ubyte.gz") ?? false, String(describing: error))
    }

    func testCorruptGzipCRCIsRejected() {
        var bytes = GzipFixtures.fixedHuffman
        bytes[bytes.count - 8] ^= 0xFF
        guard case .badFormat(_, let offset, let expected, _)? = datasetError({ _ = try Gzip.decompress(bytes, file: "x.gz") }) else {
            return XCTFail("expected badFormat")
        }
        XCTAssertEqual(offset, bytes.count - 8)
        XCTAssertTrue(expected.hasPrefix("CRC-32"))
    }

    func testTruncatedGzipIsRejectedWithAnOffset() {
        for cut in [5, 40, 120] {
            let bytes = Array(GzipFixtures.dynamicHuffman.prefix(cut))
            guard case .truncated(let file, let offset, _, _)? = datasetError({ _ = try Gzip.decompress(bytes, file: "cut.gz") }) else {
                return XCTFail("expected truncated at cut \(cut)")
            }
            XCTAssertEqual(file, "cut.gz")
            XCTAssertEqual(offset, cut, "a cut file is truncated at its end")
        }
    }
}

import XCTest
import _TestSupport
@testable import Datasets

final class CSVLoaderTests: TemporaryDirectoryTestCase {
    func testHeaderIsDetectedAndTheLabelColumnFoundByName() throws {
        let path = write("species,petal_length,petal_width\n1,1.4,0.2\n0,4.7,1.4\r\n\n2,6.0,2.5\n", to: "iris.csv")
        let split = try CSVDataset.load(path: path, classes: 3, labelColumn: .named("species"))
        XCTAssertEqual(split.exampleShape, [2])
        XCTAssertEqual(split.labels, [1, 0, 2])
        assertAllClose(split.features, [1.4, 0.2, 4.7, 1.4, 6.0, 2.5])
    }

    func testWithoutHeaderTheLastColumnIsTheLabel() throws {
        let path = write("0.5, -1, 1\n2e-1, 3, 0\n", to: "plain.csv")
        let split = try CSVDataset.load(path: path, classes: 2)
        XCTAssertEqual(split.labels, [1, 0])
        assertAllClose(split.features, [0.5, -1, 0.2, 3])
    }

    func testRowWithTheWrongFieldCountNamesItsLine() {
        let path = write("a,b,label\n1,2,0\n3,1\n", to: "short.csv")
        let error = datasetError { _ = try CSVDataset.load(path: path, classes: 2) }
        XCTAssertEqual(error, .badLine(file: path, line: 3, expected: "3 fields", found: "2"))
        XCTAssertEqual(error?.description, "\(path):3: expected 3 fields, found 2")
    }

    func testNonNumericFieldNamesItsLineAndColumn() {
        let path = write("1,2,0\n3,x,1\n", to: "text.csv")
        let error = datasetError { _ = try CSVDataset.load(path: path, classes: 2, header: false) }
        XCTAssertEqual(error, .badLine(file: path, line: 2, expected: "a plain decimal number in column 2", found: "'x'"))
    }

    func testLabelOutOfRangeNamesItsLine() {
        let path = write("1,2,0\n3,4,1\n5,6,3\n", to: "labels.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 3) },
                       .labelOutOfRange(file: path, location: "line 3", label: "3", classes: 3))
    }

    func testFractionalLabelIsOutOfRange() {
        let path = write("1,0.5\n", to: "fraction.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 3) },
                       .labelOutOfRange(file: path, location: "line 1", label: "0.5", classes: 3))
    }

    func testUnknownLabelColumnNameListsTheHeader() {
        let path = write("a,b\n1,0\n", to: "named.csv")
        let error = datasetError { _ = try CSVDataset.load(path: path, classes: 2, labelColumn: .named("class")) }
        XCTAssertEqual(error, .badLine(file: path, line: 1, expected: "a header column named 'class'", found: "columns 'a', 'b'"))
    }

    func testEmptyFileAndHeaderOnlyFileAreErrorsNotEmptyDatasets() {
        let empty = write("\n\n", to: "empty.csv")
        XCTAssertNotNil(datasetError { _ = try CSVDataset.load(path: empty, classes: 2) })
        let headerOnly = write("a,label\n", to: "header.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: headerOnly, classes: 2) },
                       .badLine(file: headerOnly, line: 2, expected: "data rows after the header", found: "none"))
    }
}

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

    /// Regression: quoted header names used to keep their quotes (`found columns '"x1"', '"x2"', '"label"'`).
    func testQuotedHeaderFieldsAreNamesWithoutTheirQuotes() throws {
        let path = write("\"x1\",\"x2\",\"label\"\n1,2,0\n3,4,1\n", to: "quoted.csv")
        let split = try CSVDataset.load(path: path, classes: 2, labelColumn: .named("label"))
        XCTAssertEqual(split.labels, [0, 1])
        assertAllClose(split.features, [1, 2, 3, 4])
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2, labelColumn: .named("class")) },
                       .badLine(file: path, line: 1, expected: "a header column named 'class'", found: "columns 'x1', 'x2', 'label'"))
    }

    func testQuotedNumbersAreCheckedLikeBareOnes() {
        let nan = write("1,2,0\n\"nan\",2,1\n", to: "quoted-nan.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: nan, classes: 2) },
                       .nonFinite(file: nan, location: "line 2, column 1", found: "'nan'"))
        let hex = write("1,\"0x10\",0\n", to: "quoted-hex.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: hex, classes: 2) },
                       .badLine(file: hex, line: 1, expected: "a plain decimal number in column 2", found: "'0x10'"))
    }

    /// A header name spanning two lines moves every later line number, as an editor counts them.
    func testRowErrorsNameThePhysicalLineAfterAMultiLineField() {
        let path = write("\"a\nb\",label\r\n1,0\r\n2\r\n", to: "multiline.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2) },
                       .badLine(file: path, line: 4, expected: "2 fields", found: "1"))
    }

    func testUnterminatedQuoteIsASyntaxErrorNotAShiftedColumn() {
        let path = write("a,label\n\"1,0\n2,1\n", to: "open-quote.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2) },
                       .badSyntax(file: path, line: 2, column: 1, offset: 8,
                                  expected: "a closing quote for the field that opens here", found: "the end of the file"))
    }

    func testUTF8ByteOrderMarkBeforeTheHeaderIsSkipped() throws {
        let path = write([0xEF, 0xBB, 0xBF] + Array("species,x\n1,0.5\n".utf8), to: "bom.csv")
        XCTAssertEqual(try CSVDataset.load(path: path, classes: 2, labelColumn: .named("species")).labels, [1])
    }
}

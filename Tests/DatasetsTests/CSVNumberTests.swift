import XCTest
import _TestSupport
@testable import Datasets

/// CSV numbers are plain decimals (issue #15): what Python's csv, numpy and pandas write for finite floats loads;
/// hex, NaN, infinity, empty fields and out-of-range decimals are errors naming the line and column.
final class CSVNumberTests: TemporaryDirectoryTestCase {
    func testNumbersAsPythonAndNumpyWriteThemLoad() throws {
        let path = write("1e-05,+2.5E+3,.25,3.,-0,1\n-1.5e-3,7,0.0,1E2,12345678,0\n", to: "numpy.csv")
        let split = try CSVDataset.load(path: path, classes: 2)
        XCTAssertEqual(split.labels, [1, 0])
        assertAllClose(split.features, [1e-05, 2500, 0.25, 3, 0, -1.5e-3, 7, 0, 100, 12_345_678])
    }

    func testHexadecimalIsNotReadAsANumber() {
        let path = write("1,0x10,0\n", to: "hex.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2) },
                       .badLine(file: path, line: 1, expected: "a plain decimal number in column 2", found: "'0x10'"))
    }

    func testNaNAndInfinitiesAreNonFiniteNamingLineAndColumn() {
        for text in ["nan", "NaN", "inf", "-inf", "+Infinity"] {
            let path = write("1,2,0\n3,\(text),1\n", to: "nonfinite.csv")
            XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2) },
                           .nonFinite(file: path, location: "line 2, column 2", found: "'\(text)'"), text)
        }
    }

    func testDecimalBeyondFloat32RangeIsNonFinite() {
        let path = write("1e39,0\n", to: "wide.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2) },
                       .nonFinite(file: path, location: "line 1, column 1", found: "'1e39' (outside float32's range)"))
    }

    func testMalformedDecimalsAndEmptyFieldsAreRefused() {
        for field in ["1e", "e5", ".", "+", "1.2.3", "1_000", "١", "1e+"] {
            let path = write("0,0\n\(field),1\n", to: "malformed.csv")
            XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: path, classes: 2, header: false) },
                           .badLine(file: path, line: 2, expected: "a plain decimal number in column 1", found: "'\(field)'"), field)
        }
        let empty = write("0,0\n,1\n", to: "empty-field.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: empty, classes: 2) },
                       .badLine(file: empty, line: 2, expected: "a plain decimal number in column 1", found: "an empty field"))
    }

    func testAFirstDataRowWithNaNOrAnEmptyFieldIsReportedNotTakenAsAHeader() {
        let nan = write("nan,1,0\n2,3,1\n", to: "nan-first.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: nan, classes: 2) },
                       .nonFinite(file: nan, location: "line 1, column 1", found: "'nan'"))
        let gap = write("1,,0\n2,3,1\n", to: "gap-first.csv")
        XCTAssertEqual(datasetError { _ = try CSVDataset.load(path: gap, classes: 2) },
                       .badLine(file: gap, line: 1, expected: "a plain decimal number in column 2", found: "an empty field"))
    }

    func testPlainDecimalGrammar() {
        for accepted in ["0", "-1", "+1", "1.", ".5", "1e5", "1E-5", "12.5e+03"] {
            XCTAssertTrue(CSVNumber.isPlainDecimal(accepted[...].utf8), accepted)
        }
        for refused in ["", "-", "0x1p3", "1e", "--1", " 1", "1 ", "inf", "nan", "1,5"] {
            XCTAssertFalse(CSVNumber.isPlainDecimal(refused[...].utf8), refused)
        }
    }

    func testBytesEntryPointMatchesTheFileLoader() throws {
        let text = "a,b,label\n1,2,0\n3,4,1\n"
        let path = write(text, to: "same.csv")
        XCTAssertEqual(try CSVDataset.parse(Array(text.utf8), file: path, classes: 2), try CSVDataset.load(path: path, classes: 2))
    }
}

import XCTest
@testable import Datasets

/// RFC 4180 records: quoting, line ends, and syntax errors that name line, column and byte.
final class CSVRecordReaderTests: XCTestCase {
    private func records(_ text: String, file: String = "t.csv") throws -> [CSVRecord] {
        var reader = CSVRecordReader(bytes: Array(text.utf8), file: file)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private func syntaxError(_ text: String) -> DatasetError? {
        do {
            _ = try records(text)
            XCTFail("expected a syntax error for \(text.debugDescription)")
        } catch let error as DatasetError {
            return error
        } catch {
            XCTFail("unexpected \(error)")
        }
        return nil
    }

    func testQuotedFieldsHoldCommasDoubledQuotesAndLineEnds() throws {
        let parsed = try records("a,\"b,c\",\"say \"\"hi\"\"\",\"x\r\ny\",\"p\nq\"\r\n1,2,3,4,5")
        XCTAssertEqual(parsed.map(\.fields), [["a", "b,c", "say \"hi\"", "x\r\ny", "p\nq"], ["1", "2", "3", "4", "5"]])
        // Lines are physical: the first record spans lines 1–3.
        XCTAssertEqual(parsed.map(\.line), [1, 4])
    }

    func testCRLFLFAndLoneCRRecordsWithOrWithoutAFinalLineEnd() throws {
        for text in ["1,2\r\n3,4\n5,6\r7,8", "1,2\r\n3,4\n5,6\r7,8\r\n", "1,2\r\n3,4\n5,6\r7,8\n"] {
            let parsed = try records(text)
            XCTAssertEqual(parsed.map(\.fields), [["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"]], text.debugDescription)
            XCTAssertEqual(parsed.map(\.line), [1, 2, 3, 4], text.debugDescription)
        }
    }

    func testByteOrderMarkIsSkippedAndOffsetsStayFileOffsets() throws {
        let parsed = try records("\u{FEFF}\"x1\",x2\n1,2\n")
        XCTAssertEqual(parsed.first?.fields, ["x1", "x2"])
        XCTAssertEqual(parsed.map(\.offset), [3, 11])
    }

    func testBlankLinesAreSkippedButAnEmptyQuotedFieldIsARecord() throws {
        let parsed = try records("1,2\n\n  \t\n\"\"\n\"\",3\n")
        XCTAssertEqual(parsed.map(\.fields), [["1", "2"], [""], ["", "3"]])
        XCTAssertEqual(parsed.map(\.line), [1, 4, 5])
    }

    func testUnquotedFieldsAreTrimmedQuotedOnesKeptVerbatim() throws {
        XCTAssertEqual(try records(" 1 ,\t\"2\" , \" 3 \"\n").first?.fields, ["1", "2", " 3 "])
    }

    func testUnterminatedQuoteNamesWhereItOpened() {
        let error = syntaxError("a,b\n1,\"2,3\n4,5\n")
        XCTAssertEqual(error, .badSyntax(file: "t.csv", line: 2, column: 3, offset: 6,
                                         expected: "a closing quote for the field that opens here", found: "the end of the file"))
        XCTAssertEqual(error?.description,
                       "t.csv:2:3 (byte 6): expected a closing quote for the field that opens here, found the end of the file")
    }

    func testStrayQuoteInAnUnquotedFieldNamesItsPosition() {
        XCTAssertEqual(syntaxError("1,2\n3,4\"5,6\n"),
                       .badSyntax(file: "t.csv", line: 2, column: 4, offset: 7,
                                  expected: "a quote only around a whole field (write it as \"…\", any quote inside doubled)",
                                  found: "'\"' inside an unquoted field"))
    }

    func testTextAfterAClosingQuoteIsAnError() {
        XCTAssertEqual(syntaxError("\"a\"b,c\n"),
                       .badSyntax(file: "t.csv", line: 1, column: 4, offset: 3,
                                  expected: "a comma or a line end after the closing quote", found: "'b'"))
    }

    /// Columns count characters, as an editor shows them; offsets count bytes.
    func testColumnsCountCharactersNotBytes() {
        guard case let .badSyntax(_, line, column, offset, _, _)? = syntaxError("é,x\"\n") else { return XCTFail("expected badSyntax") }
        XCTAssertEqual([line, column, offset], [1, 4, 4])
    }
}

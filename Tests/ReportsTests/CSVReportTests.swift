import XCTest
@testable import Reports

final class CSVReportTests: XCTestCase {
    func testGoldenOutput() {
        let expected = "run,machine,task,task_kind,engine,model,dataset,batch_size,metric,unit,n,median,p10,p90,mean,min,max,status,message,trials,estimate,ci_lower,ci_upper,ci_level\r\n"
            + "7,cpu-4,mnist-train,train,eager,mlp,mnist,64,step_time,s,10,0.0123,0.0119,0.0131,0.01245,0.0118,0.0142,succeeded,,,,,,\r\n"
            + "7,cpu-4,mnist-train,train,eager,mlp,mnist,64,peak_live_bytes,bytes,10,3145728,3145728,3145728,3145728,3145728,3145728,succeeded,,,,,,\r\n"
            + "7,cpu-4,mnist-train,train,opencl,mlp,mnist,,,,0,,,,,,,failed,\"kernel build failed, \"\"gemm\"\" said:\nline 2\",,,,,\r\n"
        XCTAssertEqual(CSVReport.render(ReportFixtures.rows), expected)
    }

    func testRowsRoundTripThroughAParser() throws {
        let records = parseCSV(CSVReport.render(ReportFixtures.rows))
        XCTAssertEqual(records.count, ReportFixtures.rows.count + 1)
        XCTAssertEqual(records[0], CSVReport.header)
        XCTAssertTrue(records.allSatisfy { $0.count == CSVReport.header.count })
        for (record, row) in zip(records.dropFirst(), ReportFixtures.rows) {
            XCTAssertEqual(Int64(record[0]), row.runID)
            XCTAssertEqual(record[1], row.machine)
            XCTAssertEqual(record[4], row.engine)
            XCTAssertEqual(Int(record[7]), row.batchSize)
            XCTAssertEqual(record[8], row.metric)
            XCTAssertEqual(Int(record[10]), row.n)
            XCTAssertEqual(Double(record[11]), row.median)
            XCTAssertEqual(Double(record[12]), row.p10)
            XCTAssertEqual(Double(record[13]), row.p90)
            XCTAssertEqual(Double(record[14]), row.mean)
            XCTAssertEqual(Double(record[15]), row.min)
            XCTAssertEqual(Double(record[16]), row.max)
            XCTAssertEqual(record[17], row.caseStatus)
            XCTAssertEqual(record[18], row.message ?? "")
        }
    }

    func testNumbersUseShortestRoundTripForm() {
        XCTAssertEqual(CSVReport.number(0.1), "0.1")
        XCTAssertEqual(CSVReport.number(1.0 / 3.0), "0.3333333333333333")
        XCTAssertEqual(CSVReport.number(42), "42")
        XCTAssertEqual(CSVReport.number(nil), "")
        XCTAssertEqual(CSVReport.number(.nan), "NaN")
    }

    func testEscapingRules() {
        XCTAssertEqual(CSVReport.escape("plain"), "plain")
        XCTAssertEqual(CSVReport.escape("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVReport.escape("carriage\rreturn"), "\"carriage\rreturn\"")
        XCTAssertEqual(CSVReport.escape("say \"hi\""), "\"say \"\"hi\"\"\"")
    }
}

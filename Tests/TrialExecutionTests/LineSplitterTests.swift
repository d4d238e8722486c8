@testable import TrialExecution
import XCTest

/// Worker-protocol lines arrive in arbitrary chunks and can be megabytes long: every line comes out whole, once,
/// and each byte is examined a bounded number of times (the reading used to rescan the whole buffer per chunk).
final class LineSplitterTests: XCTestCase {
    func testLinesSplitAcrossChunksComeOutWholeAndInOrder() {
        let text = Array("first\nsecond line\n\nthird".utf8)
        for chunkSize in [1, 2, 3, 7, 100] {
            var splitter = LineSplitter()
            var lines: [String] = []
            for start in stride(from: 0, to: text.count, by: chunkSize) {
                splitter.append(Array(text[start..<min(start + chunkSize, text.count)])) {
                    lines.append(String(decoding: $0, as: UTF8.self))
                }
            }
            splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
            XCTAssertEqual(lines, ["first", "second line", "", "third"], "chunks of \(chunkSize)")
        }
    }

    func testAMegabyteLineInSmallChunksIsScannedLinearly() {
        var splitter = LineSplitter()
        let chunk = [UInt8](repeating: 0x78, count: 4096)
        var lengths: [Int] = []
        for _ in 0..<256 { splitter.append(chunk) { lengths.append($0.count) } }
        splitter.append([0x0A]) { lengths.append($0.count) }
        XCTAssertEqual(lengths, [256 * 4096])
        XCTAssertLessThanOrEqual(splitter.bytesExamined, 256 * 4096 + 1, "each byte examined once")
    }
}

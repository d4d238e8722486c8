import XCTest
@testable import Datasets

/// gzip through zlib: members joined as `gzip -dc` joins them, and every damaged file an error naming its byte.
final class GzipTests: TemporaryDirectoryTestCase {
    /// Two members written by Python's gzip module (make-gzip-fixtures.py), the first with a file name in its header.
    func testPythonGzipFileOfTwoMembersLoadsAsOneIDXFile() throws {
        let labels = try IDXFile.read(DatasetFixtures.path("gzip/labels-idx1-ubyte.gz"))
        XCTAssertEqual(labels.shape, [1000])
        XCTAssertEqual(labels.values, (0..<1000).map { Float($0 % 10) })
    }

    func testConcatenatedMembersAreJoinedInOrder() throws {
        let joined = try Gzip.decompress(GzipFixtures.stored + GzipFixtures.dynamicHuffman, file: "two.gz")
        XCTAssertEqual(joined, GzipFixtures.smallImages + GzipFixtures.largeImages)
    }

    func testBytesAfterTheLastMemberThatStartNoMemberAreIgnored() throws {
        XCTAssertEqual(try Gzip.decompress(GzipFixtures.fixedHuffman + [0, 0, 0, 0], file: "padded.gz"), GzipFixtures.smallImages)
    }

    func testBadMagicNumberIsAtByteZero() {
        XCTAssertEqual(datasetError { _ = try Gzip.decompress([0x50, 0x4B, 3, 4, 0, 0], file: "x.zip") },
                       .badFormat(file: "x.zip", offset: 0, expected: "gzip magic number 1f 8b", found: "50 4b"))
    }

    func testUnknownMethodAndReservedFlagsNameTheirByte() {
        var method = GzipFixtures.fixedHuffman
        method[2] = 7
        XCTAssertEqual(datasetError { _ = try Gzip.decompress(method, file: "m.gz") },
                       .badFormat(file: "m.gz", offset: 2, expected: "compression method 8 (deflate)", found: "7"))
        var flags = GzipFixtures.fixedHuffman
        flags[3] = 0x20
        XCTAssertEqual(datasetError { _ = try Gzip.decompress(flags, file: "f.gz") },
                       .badFormat(file: "f.gz", offset: 3, expected: "reserved flag bits clear", found: "20"))
    }

    /// Cut anywhere (header, data, trailer, or inside a second member), the error is truncation at the file's end.
    func testEveryCutIsTruncatedAtTheEndOfTheFile() {
        let whole = GzipFixtures.fixedHuffman + GzipFixtures.dynamicHuffman
        for cut in Array(2..<GzipFixtures.fixedHuffman.count) + Array((GzipFixtures.fixedHuffman.count + 2)..<whole.count) {
            let error = datasetError { _ = try Gzip.decompress(Array(whole.prefix(cut)), file: "cut.gz") }
            XCTAssertEqual(error, .truncated(file: "cut.gz", offset: cut, needed: 1, available: 0), "cut at \(cut)")
        }
        XCTAssertEqual(datasetError { _ = try Gzip.decompress([0x1F], file: "one.gz") },
                       .truncated(file: "one.gz", offset: 0, needed: 2, available: 1))
    }

    func testCRCMismatchNamesTheTrailerAndBothChecksums() throws {
        var bytes = GzipFixtures.fixedHuffman
        let crcOffset = bytes.count - 8
        bytes[crcOffset] ^= 0xFF
        let stored = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[crcOffset + $1]) << (8 * UInt32($1)) }
        let actual = stored ^ 0xFF
        let error = datasetError { _ = try Gzip.decompress(bytes, file: "crc.gz") }
        XCTAssertEqual(error, .badFormat(file: "crc.gz", offset: crcOffset,
                                         expected: "CRC-32 \(hex32(stored)) of the inflated data", found: hex32(actual)))
    }

    func testLengthMismatchNamesTheSizeField() {
        var bytes = GzipFixtures.fixedHuffman
        bytes[bytes.count - 4] &+= 1
        let declared = GzipFixtures.smallImages.count + 1
        XCTAssertEqual(datasetError { _ = try Gzip.decompress(bytes, file: "len.gz") },
                       .countMismatch(file: "len.gz", offset: bytes.count - 4, expected: "\(declared) inflated bytes (mod 2^32)",
                                      found: "\(GzipFixtures.smallImages.count)"))
    }

    /// Damage inside the compressed data is found by zlib (bad code or checksum) at an offset inside the file.
    func testCorruptDeflateDataNamesAnOffsetInTheFile() {
        for index in stride(from: 12, to: GzipFixtures.dynamicHuffman.count - 8, by: 7) {
            var bytes = GzipFixtures.dynamicHuffman
            bytes[index] ^= 0x5A
            switch datasetError({ _ = try Gzip.decompress(bytes, file: "bad.gz") }) {
            case let .badFormat(file, offset, _, _)?, let .countMismatch(file, offset, _, _)?:
                XCTAssertEqual(file, "bad.gz")
                XCTAssertTrue((index...bytes.count).contains(offset), "damage at \(index), reported at \(offset)")
            case let .truncated(_, offset, _, _)?:
                // A damaged block header can make the data look longer than the file.
                XCTAssertEqual(offset, bytes.count, "damage at \(index)")
            case let other:
                XCTFail("damage at \(index): \(String(describing: other))")
            }
        }
    }

    func testTheLimitCoversAllMembersTogether() throws {
        let two = GzipFixtures.stored + GzipFixtures.stored
        let total = 2 * GzipFixtures.smallImages.count
        guard case .tooLarge(let file, _, let expected, _)? = datasetError({ _ = try Gzip.decompress(two, file: "two.gz", limit: total - 1) })
        else { return XCTFail("expected tooLarge") }
        XCTAssertEqual(file, "two.gz")
        XCTAssertEqual(expected, "at most \(total - 1) inflated bytes")
        XCTAssertEqual(try Gzip.decompress(two, file: "two.gz", limit: total).count, total)
    }

    private func hex32(_ value: UInt32) -> String { String(value, radix: 16).leftPadded(to: 8) }
}

import XCTest
@testable import Measurement

final class SHA256Tests: XCTestCase {
    func testFIPSVectorABC() {
        XCTAssertEqual(SHA256.hexDigest(of: Data("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEmptyMessage() {
        XCTAssertEqual(SHA256.hexDigest(of: Data()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testFIPS448BitVector() {
        XCTAssertEqual(SHA256.hexDigest(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testOneMillionA() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hexDigest(of: data),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testChunkedUpdatesMatchOneShot() {
        let data = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        var hasher = SHA256()
        for start in stride(from: 0, to: data.count, by: 37) {
            hasher.update(data.subdata(in: start..<min(start + 37, data.count)))
        }
        let chunked = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(chunked, SHA256.hexDigest(of: data))
    }
}

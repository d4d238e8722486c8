import XCTest
@testable import Measurement

/// FIPS 180-4 vectors: the digests stored in databases (protocol, dataset and identity hashes) must stay
/// byte-identical whichever library computes them.
final class SHA256HexTests: XCTestCase {
    func testFIPSVectorABC() {
        XCTAssertEqual(SHA256Hex.digest(of: Data("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testEmptyMessage() {
        XCTAssertEqual(SHA256Hex.digest(of: Data()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testFIPS448BitVector() {
        XCTAssertEqual(SHA256Hex.digest(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testOneMillionA() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256Hex.digest(of: data),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Text is hashed as its UTF-8 bytes (Python: hashlib.sha256("dlbench — é\n".encode())).
    func testTextIsHashedAsUTF8() {
        XCTAssertEqual(SHA256Hex.digest(of: "dlbench — é\n"),
                       "7c4b2b1c61769ebd49aec620e51159b050156b9455002068aa181e29db78ddfd")
    }
}

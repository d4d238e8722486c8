import Crypto
import Foundation

/// Lower-case hexadecimal SHA-256, from swift-crypto (BoringSSL on Linux, CryptoKit on Apple platforms) rather than
/// a hash of our own. Protocol hashes, dataset checksums and machine identity hashes are stored in databases as
/// these 64-digit strings, so the format must never change.
public enum SHA256Hex {
    public static func digest(of data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: data) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func digest(of text: String) -> String { digest(of: Data(text.utf8)) }
}

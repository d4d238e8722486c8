import XCTest
@testable import Datasets

/// Hostile safetensors files (issue #15): overflowing shapes, offsets beyond the file or beyond 2^63, and
/// non-finite weights are `DatasetError`s naming the file and tensor, before anything is allocated.
final class SafeTensorsHostileInputTests: TemporaryDirectoryTestCase {
    private func file(header: String, data: [UInt8]) -> [UInt8] {
        let json = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(json.count).littleEndian) { Array($0) } + json + data
    }

    func testShapeWhoseByteCountOverflowsIsTooLargeNotATrap() {
        let bytes = file(header: #"{"w":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
        let error = datasetError { _ = try SafeTensorsFile.decode(bytes, file: "huge.safetensors") }
        XCTAssertEqual(error, .tooLarge(file: "huge.safetensors", offset: 8, expected: "a byte count that fits in 64 bits",
                                        found: "shape [4611686018427387904] of 4-byte elements"))
    }

    func testDimensionsWhoseProductOverflowsAreTooLarge() {
        let bytes = file(header: #"{"w":{"dtype":"F32","shape":[4294967296,4294967296,8],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
        guard case .tooLarge("big", 8, "dimensions whose product fits in 64 bits", _)? = datasetError({
            _ = try SafeTensorsFile.decode(bytes, file: "big")
        }) else { return XCTFail("expected tooLarge") }
    }

    func testOffsetsPastTheFileAreTruncationWithoutAllocating() {
        let bytes = file(header: #"{"w":{"dtype":"F32","shape":[1152921504606846976],"data_offsets":[0,4611686018427387904]}}"#,
                         data: [0, 0, 0, 0])
        let error = datasetError { _ = try SafeTensorsFile.decode(bytes, file: "far") }
        XCTAssertEqual(error, .truncated(file: "far", offset: bytes.count, needed: (1 << 62) - 4, available: 0))
    }

    func testOffsetsThatAreNotIntegersBelow2To63AreBadFormat() {
        for offsets in ["[0,1e19]", "[0,18446744073709551615]", "[0,4.5]", "[-4,0]", "[8,4]", "[\"0\",4]"] {
            let bytes = file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":"# + offsets + "}}", data: [0, 0, 0, 0])
            guard case .badFormat(_, 8, let expected, _)? = datasetError({ _ = try SafeTensorsFile.decode(bytes, file: "o") }) else {
                XCTFail("expected badFormat for \(offsets)")
                continue
            }
            XCTAssertTrue(expected.hasPrefix("data_offsets"), expected)
        }
    }

    func testNonFiniteWeightNamesTheTensorTheElementAndTheByte() throws {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        let data = [Float(1), 2, .nan].flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
        let bytes = file(header: header, data: data)
        let dataStart = 8 + header.utf8.count
        XCTAssertEqual(datasetError { _ = try SafeTensorsFile.decode(bytes, file: "nan.safetensors") },
                       .nonFinite(file: "nan.safetensors", location: "byte \(dataStart + 8) (element 1 of tensor 'w')", found: "NaN"))
    }

    func testEmptyTensorsAndFiniteExtremesStillDecode() throws {
        let original = SafeTensorsFile(tensors: [
            SafeTensor(name: "empty", shape: [0, 3], values: []),
            SafeTensor(name: "big", shape: [2], values: [.greatestFiniteMagnitude, -.leastNonzeroMagnitude]),
        ])
        XCTAssertEqual(try SafeTensorsFile.decode(try original.encoded(), file: "ok"), original)
    }
}

import XCTest
@testable import Datasets

final class SafeTensorsTests: TemporaryDirectoryTestCase {
    /// A file assembled by hand from the specification: u64 LE header length, JSON header, raw F32 LE data.
    private func handWrittenFile(header: String, data: [UInt8]) -> [UInt8] {
        let json = Array(header.utf8)
        return [UInt8(json.count), 0, 0, 0, 0, 0, 0, 0] + json + data
    }

    func testHandWrittenFileLoadsTensorsAndMetadata() throws {
        let header = #"{"__metadata__":{"format":"pt"},"b":{"dtype":"F32","shape":[],"data_offsets":[16,20]},"a.weight":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#
        // 1.0, -2.0, 0.5, 3.0 then 10.0, little-endian IEEE 754.
        let data: [UInt8] = [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x40, 0x40,
                             0x00, 0x00, 0x20, 0x41]
        let file = try SafeTensorsFile.decode(handWrittenFile(header: header, data: data), file: "hand.safetensors")
        XCTAssertEqual(file.metadata, ["format": "pt"])
        XCTAssertEqual(file.tensors, [
            SafeTensor(name: "a.weight", shape: [2, 2], values: [1, -2, 0.5, 3]),
            SafeTensor(name: "b", shape: [], values: [10]),
        ])
    }

    func testWrittenFileRoundTripsAndFollowsTheLayout() throws {
        let original = SafeTensorsFile(tensors: [
            SafeTensor(name: "layers.0.weight", shape: [3, 2], values: [1, 2, 3, 4, 5, 6]),
            SafeTensor(name: "layers.0.bias", shape: [3], values: [-0.25, 0, .greatestFiniteMagnitude]),
        ], metadata: ["dlbench.task": "train"])
        let path = directory + "/nested/weights.safetensors"
        try original.write(to: path)
        XCTAssertEqual(try SafeTensorsFile.read(path), original)
        let bytes = try original.encoded()
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertEqual(headerLength % 8, 0, "data is 8-byte aligned")
        XCTAssertEqual(bytes.count, 8 + headerLength + 9 * 4)
        XCTAssertEqual(Array(bytes[(8 + headerLength)..<(12 + headerLength)]), [0x00, 0x00, 0x80, 0x3F])
    }

    func testOtherDtypesAreRefusedNamingTheTensor() {
        let bytes = handWrittenFile(header: #"{"w":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]}}"#, data: [0, 0])
        let error = datasetError { _ = try SafeTensorsFile.decode(bytes, file: "bf16.safetensors") }
        XCTAssertTrue(error?.description.contains("dtype F32") ?? false, String(describing: error))
        XCTAssertTrue(error?.description.contains("'w'") ?? false)
        XCTAssertTrue(error?.description.contains("found BF16") ?? false)
    }

    func testSkippedTensorsOfAnyDtypeAreNotDecodedButTheirBytesAreChecked() throws {
        // Hugging Face BERT files hold an I64 `embeddings.position_ids` beside the float weights.
        let header = #"{"ids":{"dtype":"I64","shape":[1,2],"data_offsets":[0,16]},"w":{"dtype":"F32","shape":[1],"data_offsets":[16,20]}}"#
        let bytes = handWrittenFile(header: header, data: Array(repeating: 0, count: 16) + [0x00, 0x00, 0x80, 0x3F])
        let file = try SafeTensorsFile.decode(bytes, file: "bert.safetensors", skipping: { $0 == "ids" })
        XCTAssertEqual(file.tensors, [SafeTensor(name: "w", shape: [1], values: [1])])
        XCTAssertTrue(datasetError { _ = try SafeTensorsFile.decode(bytes, file: "bert.safetensors") }?.description.contains("found I64") ?? false)
        let overlapping = handWrittenFile(header: #"{"ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                                          data: Array(repeating: 0, count: 8))
        XCTAssertNotNil(datasetError { _ = try SafeTensorsFile.decode(overlapping, file: "x", skipping: { $0 == "ids" }) },
                        "a skipped tensor's bytes still take part in the no-holes-no-overlaps check")
    }

    func testTruncatedDataIsRejected() {
        let bytes = handWrittenFile(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0, 0])
        guard case .truncated(let file, _, let needed, _)? = datasetError({ _ = try SafeTensorsFile.decode(bytes, file: "cut") }) else {
            return XCTFail("expected truncated")
        }
        XCTAssertEqual(file, "cut")
        XCTAssertEqual(needed, 3)
    }

    func testHeaderLongerThanTheFileIsTruncation() {
        let bytes: [UInt8] = [0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]
        XCTAssertEqual(datasetError { _ = try SafeTensorsFile.decode(bytes, file: "h") },
                       .truncated(file: "h", offset: 8, needed: 65535, available: 2))
    }

    func testShapeThatDisagreesWithOffsetsIsRejected() {
        let bytes = handWrittenFile(header: #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8))
        guard case .countMismatch? = datasetError({ _ = try SafeTensorsFile.decode(bytes, file: "s") }) else {
            return XCTFail("expected countMismatch")
        }
    }

    func testHolesBetweenTensorsAreRejected() {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        let bytes = handWrittenFile(header: header, data: [UInt8](repeating: 0, count: 12))
        XCTAssertTrue(datasetError { _ = try SafeTensorsFile.decode(bytes, file: "holes") }?.description.contains("no holes") ?? false)
    }

    func testHeaderThatIsNotJSONIsRejected() {
        let bytes = handWrittenFile(header: "not json", data: [])
        guard case .badFormat(_, 8, _, _)? = datasetError({ _ = try SafeTensorsFile.decode(bytes, file: "j") }) else {
            return XCTFail("expected badFormat at byte 8")
        }
    }
}

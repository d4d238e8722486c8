import Foundation
import XCTest
@testable import Datasets

/// Byte builders for the file formats, written by hand from the specifications, so loaders are checked
/// against the formats and not against themselves.
enum IDXBytes {
    static func header(type: UInt8, dimensions: [Int]) -> [UInt8] {
        [0, 0, type, UInt8(dimensions.count)] + dimensions.flatMap(bigEndian32)
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func images(count: Int, rows: Int, columns: Int, pixel: (Int, Int) -> UInt8) -> [UInt8] {
        header(type: 0x08, dimensions: [count, rows, columns])
            + (0..<count).flatMap { image in (0..<(rows * columns)).map { pixel(image, $0) } }
    }

    static func labels(_ labels: [UInt8]) -> [UInt8] { header(type: 0x08, dimensions: [labels.count]) + labels }
}

enum NPYBytes {
    /// A version-`major` NPY file with the header padded (with spaces and a newline) to a multiple of 64 bytes.
    static func file(descriptor: String, shape: [Int], data: [UInt8], major: UInt8 = 1, fortranOrder: Bool = false) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descriptor)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        let prefix = 6 + 2 + (major == 1 ? 2 : 4)
        while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let length = header.utf8.count
        let lengthBytes: [UInt8] = major == 1
            ? [UInt8(length & 0xFF), UInt8(length >> 8)]
            : [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
        return [0x93] + Array("NUMPY".utf8) + [major, 0] + lengthBytes + Array(header.utf8) + data
    }

    static func float32(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    static func int64(_ values: [Int64]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }
}

/// Files written by reference tools (Python's csv and gzip modules), committed with the scripts that wrote them.
enum DatasetFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

/// A fresh temporary directory per test, removed afterwards.
class TemporaryDirectoryTestCase: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "dlbench-datasets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    func write(_ bytes: [UInt8], to name: String) -> String {
        let path = (directory as NSString).appendingPathComponent(name)
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)), path)
        return path
    }

    @discardableResult
    func write(_ text: String, to name: String) -> String { write(Array(text.utf8), to: name) }

    /// Runs `body`, which must throw a `DatasetError`, and returns it.
    func datasetError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> DatasetError? {
        do {
            try body()
            XCTFail("expected a DatasetError", file: file, line: line)
        } catch let error as DatasetError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    /// Writes a complete MNIST-layout directory: 6 train and 4 test images of 2×3 with labels 0…2.
    func writeIDXDirectory(trainLabels: [UInt8] = [0, 1, 2, 0, 1, 2], compressTrainImages: Bool = false) {
        let trainImages = IDXBytes.images(count: 6, rows: 2, columns: 3) { image, pixel in UInt8(image * 10 + pixel) }
        write(trainImages, to: IDXDataset.trainImages)
        write(IDXBytes.labels(trainLabels), to: IDXDataset.trainLabels)
        write(IDXBytes.images(count: 4, rows: 2, columns: 3) { image, pixel in UInt8(200 + image * 6 + pixel) },
              to: IDXDataset.testImages)
        write(IDXBytes.labels([2, 1, 0, 2]), to: IDXDataset.testLabels)
    }
}

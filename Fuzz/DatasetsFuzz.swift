import Foundation

// libFuzzer harness for the data loaders, compiled together with Sources/Datasets/*.swift (and zlib) by scripts/fuzz.sh
// (never by SwiftPM, so no normal build gains sanitizer flags). DLBENCH_FUZZ_TARGET picks the loader:
// idx, npy, csv, safetensors or gzip. Any thrown DatasetError is a correct answer; a trap, a sanitizer report,
// a timeout or a non-DatasetError is a bug.

private enum Target: String { case idx, npy, csv, safetensors, gzip }

private let target: Target = {
    let name = ProcessInfo.processInfo.environment["DLBENCH_FUZZ_TARGET"] ?? ""
    guard let target = Target(rawValue: name) else {
        FileHandle.standardError.write(Data("set DLBENCH_FUZZ_TARGET to idx, npy, csv, safetensors or gzip\n".utf8))
        exit(2)
    }
    return target
}()

/// A small bound on inflated output, so a legitimate 1032:1 stream inside a 4 KiB input stays quick.
private let inflateLimit = 1 << 24

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        try run(target, bytes)
    } catch is DatasetError {
    } catch {
        fatalError("not a DatasetError: \(error)")
    }
    return 0
}

private func run(_ target: Target, _ bytes: [UInt8]) throws {
    switch target {
    case .idx:
        let plain = Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, file: "fuzz.gz", limit: inflateLimit) : bytes
        let images = try IDXFile.parse(plain, file: "fuzz-images")
        // The split logic on top: labels 0 for every declared example (when the shape allows one).
        let count = images.shape.first ?? 0
        let labels = NumericArray(shape: [count], values: [Float](repeating: 0, count: min(count, 1 << 16)),
                                  dataOffset: 8, elementSize: 1, elementType: "unsigned byte")
        guard labels.values.count == count else { return }
        _ = try IDXDataset.split(images: images, imagesPath: "fuzz-images", labels: labels, labelsPath: "fuzz-labels",
                                 classes: 10, exampleShape: nil)
    case .npy:
        let array = try NPYFile.parse(bytes, file: "fuzz.npy")
        _ = try LabelCheck.integers(array.values, classes: 10, file: "fuzz.npy") { "byte \(array.offset(of: $0))" }
    case .csv:
        _ = try CSVDataset.parse(bytes, file: "fuzz.csv", classes: 10)
        _ = try CSVDataset.parse(bytes, file: "fuzz.csv", classes: 3, labelColumn: .index(0), header: false, exampleShape: [1])
    case .safetensors:
        let file = try SafeTensorsFile.decode(bytes, file: "fuzz.safetensors")
        _ = try file.encoded()
    case .gzip:
        _ = try Gzip.decompress(bytes, file: "fuzz.gz", limit: inflateLimit)
    }
}

import Foundation

/// One named float32 tensor of a safetensors file.
public struct SafeTensor: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// The safetensors checkpoint format (PyTorch, JAX and Hugging Face use it): an 8-byte little-endian header
/// length N, N bytes of JSON `{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}`
/// (offsets relative to the end of the header), then the raw little-endian tensor bytes. Chosen because it is
/// the one weight format every major framework reads and writes without executing code. Only `F32` is read
/// (dlbench computes in float32); any other dtype is refused with an error naming the tensor. Reading is strict:
/// shapes are multiplied out with overflow checks, offsets compared with the file's size before any allocation,
/// and every value must be finite.
public struct SafeTensorsFile: Sendable, Equatable {
    public var tensors: [SafeTensor]
    public var metadata: [String: String]

    public init(tensors: [SafeTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public func tensor(named name: String) -> SafeTensor? { tensors.first { $0.name == name } }

    /// `skipping`: names of tensors not to decode (of any dtype, e.g. an I64 `position_ids` buffer beside float
    /// weights); their byte ranges are still checked, so the file's layout is validated whole.
    public static func read(_ path: String, skipping: (String) -> Bool = { _ in false }) throws -> SafeTensorsFile {
        try decode(try FileBytes.read(path), file: path, skipping: skipping)
    }

    public func write(to path: String) throws {
        let bytes = try encoded(file: path)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw DatasetError.unreadable(file: path, reason: "cannot create the file (missing directory or no permission)")
        }
    }

    /// The file's bytes: tensors in the given order, the header padded with spaces to a multiple of 8 bytes so
    /// the data is aligned (as the reference implementation writes it).
    public func encoded(file: String = "<memory>") throws -> [UInt8] {
        var header: [String: Any] = [:]
        var offset = 0
        for tensor in tensors {
            let count = try DeclaredSize.elements(tensor.shape, file: file, offset: 0)
            guard count == tensor.values.count else {
                throw DatasetError.countMismatch(file: file, offset: 0, expected: "\(count) values for '\(tensor.name)' of shape \(tensor.shape)",
                                                 found: "\(tensor.values.count)")
            }
            let end = offset + tensor.values.count * 4
            header[tensor.name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, end]] as [String: Any]
            offset = end
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        json += repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes += $0 }
        bytes += json
        for tensor in tensors {
            tensor.values.withUnsafeBufferPointer { values in
                for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            }
        }
        return bytes
    }

    public static func decode(_ bytes: [UInt8], file: String,
                              skipping: (String) -> Bool = { _ in false }) throws -> SafeTensorsFile {
        var reader = ByteReader(file: file, bytes: bytes)
        let headerLength = try reader.littleEndianUInt64()
        guard headerLength <= UInt64(reader.remaining) else {
            throw DatasetError.truncated(file: file, offset: 8, needed: Int(clamping: headerLength), available: reader.remaining)
        }
        let headerRange = try reader.span(Int(headerLength))
        let dataStart = reader.offset
        let parsed = try? JSONSerialization.jsonObject(with: Data(bytes[headerRange]))
        guard let header = parsed as? [String: Any] else {
            throw DatasetError.badFormat(file: file, offset: 8, expected: "a JSON object header of \(headerLength) bytes",
                                         found: String(decoding: bytes[headerRange].prefix(40), as: UTF8.self))
        }
        var metadata: [String: String] = [:]
        var entries: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        var skipped: [(name: String, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in header {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw DatasetError.badFormat(file: file, offset: 8, expected: "__metadata__ mapping strings to strings",
                                                 found: String("\(value)".prefix(80)))
                }
                metadata = strings
                continue
            }
            if skipping(name) {
                skipped.append(try SafeTensorsHeader.skippedEntry(name, value, file: file))
            } else {
                entries.append(try SafeTensorsHeader.entry(name, value, file: file))
            }
        }
        entries.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        let dataLength = bytes.count - dataStart
        var expectedBegin = 0
        for entry in (entries + skipped).sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            guard entry.begin == expectedBegin else {
                throw DatasetError.badFormat(file: file, offset: dataStart + min(entry.begin, dataLength),
                                             expected: "tensor '\(entry.name)' to start at data byte \(expectedBegin) (no holes or overlaps)",
                                             found: "data_offsets [\(entry.begin), \(entry.end)]")
            }
            // Compared with the data actually present before anything is added to an offset or allocated.
            guard entry.end <= dataLength else {
                throw DatasetError.truncated(file: file, offset: bytes.count, needed: entry.end - dataLength, available: 0)
            }
            expectedBegin = entry.end
        }
        guard expectedBegin == dataLength else {
            throw DatasetError.countMismatch(file: file, offset: dataStart + expectedBegin, expected: "\(expectedBegin) data bytes",
                                             found: "\(dataLength) (trailing bytes)")
        }
        let tensors = bytes.withUnsafeBufferPointer { source in
            entries.map { entry -> SafeTensor in
                let count = (entry.end - entry.begin) / 4
                let values = [Float](unsafeUninitializedCapacity: count) { target, initialized in
                    let base = dataStart + entry.begin
                    for index in 0..<count {
                        let at = base + index * 4
                        target[index] = Float(bitPattern: UInt32(source[at]) | UInt32(source[at + 1]) << 8
                            | UInt32(source[at + 2]) << 16 | UInt32(source[at + 3]) << 24)
                    }
                    initialized = count
                }
                return SafeTensor(name: entry.name, shape: entry.shape, values: values)
            }
        }
        // Weights and data must be finite: a NaN in a checkpoint would otherwise surface as a NaN loss much later.
        for (entry, tensor) in zip(entries, tensors) {
            guard let index = tensor.values.firstIndex(where: { !$0.isFinite }) else { continue }
            throw DatasetError.nonFinite(file: file, location: "byte \(dataStart + entry.begin + 4 * index) (element \(index) of tensor '\(entry.name)')",
                                         found: FiniteCheck.describe(tensor.values[index]))
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }
}

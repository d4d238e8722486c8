import Foundation

/// Finding the four MNIST files, with a hint when the folder holds them under another spelling
/// (`test-images-idx3-ubyte`, Kaggle's `t10k-images.idx3-ubyte`), since only the exact names are read.
extension IDXDataset {
    /// The path of `baseName` in `directory`, preferring the uncompressed file, else `.gz`.
    public static func file(_ baseName: String, in directory: String) throws -> String {
        let plain = (directory as NSString).appendingPathComponent(baseName)
        if FileManager.default.fileExists(atPath: plain) { return plain }
        let compressed = plain + ".gz"
        if FileManager.default.fileExists(atPath: compressed) { return compressed }
        throw DatasetError.unreadable(file: plain, reason: "no such file (nor \(baseName).gz)" + hint(for: baseName, in: directory))
    }

    /// What the folder holds instead, and the likely rename.
    static func hint(for baseName: String, in directory: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "; the folder \(directory) does not exist"
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else { return "; the folder is empty" }
        let target = normalized(baseName)
        let near = names.first { name in
            normalized(name) == target || normalized(name).replacingOccurrences(of: "test-", with: "t10k-") == target
        }
        if let near {
            let (role, images, labels) = baseName.hasPrefix("t10k-") ? ("test", testImages, testLabels) : ("training", trainImages, trainLabels)
            return "; found \(near): MNIST's \(role) files are named \(images) and \(labels) (plain or .gz); rename it"
        }
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " and \(names.count - 8) more" : "")
        return "; the folder has \(shown)"
    }

    /// Lowercased, `.gz` dropped, `.` and `_` read as `-`.
    private static func normalized(_ name: String) -> String {
        var result = name.lowercased()
        if result.hasSuffix(".gz") { result.removeLast(3) }
        return result.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-")
    }
}

import Foundation

/// An MNIST-layout directory of IDX files: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally gzipped (`.gz`), exactly as the MNIST
/// and Fashion-MNIST sites distribute them, so a download is used as is.
public enum IDXDataset {
    public static let trainImages = "train-images-idx3-ubyte"
    public static let trainLabels = "train-labels-idx1-ubyte"
    public static let testImages = "t10k-images-idx3-ubyte"
    public static let testLabels = "t10k-labels-idx1-ubyte"

    /// The path of `baseName` in `directory`, preferring the uncompressed file, else `.gz`.
    public static func file(_ baseName: String, in directory: String) throws -> String {
        let plain = (directory as NSString).appendingPathComponent(baseName)
        if FileManager.default.fileExists(atPath: plain) { return plain }
        let compressed = plain + ".gz"
        if FileManager.default.fileExists(atPath: compressed) { return compressed }
        throw DatasetError.unreadable(file: plain, reason: "no such file (nor \(baseName).gz)")
    }

    /// The four files in `directory`; images become `exampleShape` (default [1, H, W], the NCHW a CNN takes).
    public static func load(name: String, directory: String, classes: Int, exampleShape: [Int]? = nil) throws -> LabeledDataset {
        func split(_ images: String, _ labels: String) throws -> LabeledSplit {
            try loadSplit(imagesPath: try file(images, in: directory), labelsPath: try file(labels, in: directory),
                          classes: classes, exampleShape: exampleShape)
        }
        return LabeledDataset(name: name, train: try split(trainImages, trainLabels), test: try split(testImages, testLabels))
    }

    public static func loadSplit(imagesPath: String, labelsPath: String, classes: Int, exampleShape: [Int]?) throws -> LabeledSplit {
        let images = try IDXFile.read(imagesPath)
        let labels = try IDXFile.read(labelsPath)
        guard labels.shape.count == 1 else {
            throw DatasetError.countMismatch(file: labelsPath, offset: 3, expected: "a rank-1 label array",
                                             found: "rank \(labels.shape.count), shape \(labels.shape)")
        }
        guard images.shape[0] == labels.shape[0] else {
            throw DatasetError.countMismatch(file: labelsPath, offset: 4, expected: "\(images.shape[0]) labels (the image count of \(imagesPath))",
                                             found: "\(labels.shape[0])")
        }
        let natural = images.shape.count == 3 ? [1] + images.shape.dropFirst() : Array(images.shape.dropFirst())
        let shape = try ExampleShape.resolve(declared: exampleShape, natural: natural, file: imagesPath)
        let integerLabels = try LabelCheck.integers(labels.values, classes: classes, file: labelsPath) { index in
            "byte \(labels.offset(of: index))"
        }
        return LabeledSplit(exampleShape: shape, features: images.values, labels: integerLabels, classes: classes)
    }
}

/// Checks shared by the loaders: declared example shapes and label ranges.
enum ExampleShape {
    static func resolve(declared: [Int]?, natural: [Int], file: String) throws -> [Int] {
        guard let declared else { return natural }
        guard declared.reduce(1, *) == natural.reduce(1, *) else {
            throw DatasetError.countMismatch(file: file, offset: 0, expected: "examples of shape \(declared) (\(declared.reduce(1, *)) values)",
                                             found: "shape \(natural) (\(natural.reduce(1, *)) values)")
        }
        return declared
    }
}

enum LabelCheck {
    /// Labels as integers 0..<classes; `location` names where label `i` sits in the file.
    static func integers(_ values: [Float], classes: Int, file: String, location: (Int) -> String) throws -> [Int] {
        var result = [Int](repeating: 0, count: values.count)
        for (index, value) in values.enumerated() {
            guard value.rounded() == value, value >= 0, value < Float(classes) else {
                throw DatasetError.labelOutOfRange(file: file, location: location(index),
                                                   label: LabelCheck.describe(value), classes: classes)
            }
            result[index] = Int(value)
        }
        return result
    }

    static func describe(_ value: Float) -> String {
        value.isFinite && value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

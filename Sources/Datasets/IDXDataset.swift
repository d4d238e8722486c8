import Foundation

/// An MNIST-layout directory of IDX files: `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally gzipped (`.gz`), exactly as the MNIST
/// and Fashion-MNIST sites distribute them, so a download is used as is.
///
/// Images must be unsigned bytes (type 08), int16/int32 (0B/0C) or floats (0D/0E), with at least one image and no
/// zero-sized dimension. Signed bytes (09) are refused for images: 8-bit pixels are unsigned in every IDX image
/// set, and a file tagged 09 is a mislabelled one whose bright pixels would silently read as negative. Labels may
/// have any integer type (read as the magic says; a negative label is then out of range, not wrapped).
public enum IDXDataset {
    public static let trainImages = "train-images-idx3-ubyte"
    public static let trainLabels = "train-labels-idx1-ubyte"
    public static let testImages = "t10k-images-idx3-ubyte"
    public static let testLabels = "t10k-labels-idx1-ubyte"

    /// The four files in `directory`; images become `exampleShape` (default [1, H, W], the NCHW a CNN takes).
    public static func load(name: String, directory: String, classes: Int, exampleShape: [Int]? = nil) throws -> LabeledDataset {
        func split(_ images: String, _ labels: String) throws -> LabeledSplit {
            try loadSplit(imagesPath: try file(images, in: directory), labelsPath: try file(labels, in: directory),
                          classes: classes, exampleShape: exampleShape)
        }
        return LabeledDataset(name: name, train: try split(trainImages, trainLabels), test: try split(testImages, testLabels))
    }

    public static func loadSplit(imagesPath: String, labelsPath: String, classes: Int, exampleShape: [Int]?) throws -> LabeledSplit {
        try split(images: try IDXFile.read(imagesPath), imagesPath: imagesPath, labels: try IDXFile.read(labelsPath),
                  labelsPath: labelsPath, classes: classes, exampleShape: exampleShape)
    }

    /// The split from two parsed files (also the fuzz harness's entry point).
    static func split(images: NumericArray, imagesPath: String, labels: NumericArray, labelsPath: String, classes: Int,
                      exampleShape: [Int]?) throws -> LabeledSplit {
        guard images.elementType != "signed byte" else {
            throw DatasetError.badFormat(
                file: imagesPath, offset: 2,
                expected: "image type 08 (unsigned byte), 0b/0c (int16/int32) or 0d/0e (float32/float64)",
                found: "09 (signed byte): 8-bit pixels are unsigned; re-save the file with type 08")
        }
        try FeatureShape.check(images.shape, file: imagesPath, what: "images") { 4 + 4 * $0 }
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

import Foundation

/// A directory of `.npy` arrays in the Keras naming: `x_train.npy`, `y_train.npy`, `x_test.npy`, `y_test.npy`
/// (what `np.save` of `keras.datasets.*.load_data()` produces). Features [N, …] (rank-3 images [N, H, W] become
/// [1, H, W] per example, as for IDX); labels [N] integers. At least one example and no zero-sized dimension.
public enum NPYDataset {
    public static let fileNames = (trainFeatures: "x_train.npy", trainLabels: "y_train.npy",
                                   testFeatures: "x_test.npy", testLabels: "y_test.npy")

    public static func load(name: String, directory: String, classes: Int, exampleShape: [Int]? = nil) throws -> LabeledDataset {
        func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
        return LabeledDataset(
            name: name,
            train: try loadSplit(featuresPath: path(fileNames.trainFeatures), labelsPath: path(fileNames.trainLabels),
                                 classes: classes, exampleShape: exampleShape),
            test: try loadSplit(featuresPath: path(fileNames.testFeatures), labelsPath: path(fileNames.testLabels),
                                classes: classes, exampleShape: exampleShape))
    }

    public static func loadSplit(featuresPath: String, labelsPath: String, classes: Int, exampleShape: [Int]?) throws -> LabeledSplit {
        let features = try NPYFile.read(featuresPath)
        let labels = try NPYFile.read(labelsPath)
        try FeatureShape.check(features.shape, file: featuresPath, what: "features") { _ in 8 }
        guard labels.shape.count == 1, labels.shape[0] == features.shape[0] else {
            throw DatasetError.countMismatch(file: labelsPath, offset: 8,
                                             expected: "labels of shape [\(features.shape[0])] (one per example of \(featuresPath))",
                                             found: "shape \(labels.shape)")
        }
        let natural = features.shape.count == 3 ? [1] + features.shape.dropFirst() : Array(features.shape.dropFirst())
        let shape = try ExampleShape.resolve(declared: exampleShape, natural: natural, file: featuresPath)
        let integerLabels = try LabelCheck.integers(labels.values, classes: classes, file: labelsPath) { index in
            "byte \(labels.offset(of: index))"
        }
        return LabeledSplit(exampleShape: shape, features: features.values, labels: integerLabels, classes: classes)
    }
}

/// A minimal valid protocol around an `engines` array, for tests of engine-level keys.
enum ProtocolText {
    static func withEngines(_ json: String) -> String {
        """
        {"name": "p", "machines": [{"name": "m"}],
         "datasets": [{"name": "d", "kind": "gaussian-clusters", "features": 2, "classes": 2, "trainSamples": 4, "testSamples": 2}],
         "models": [{"name": "mlp", "kind": "mlp", "hidden": []}],
         "engines": \(json),
         "tasks": [{"name": "t", "kind": "train", "model": "mlp", "dataset": "d", "batchSize": 2, "steps": 1,
                    "optimizer": {"kind": "sgd", "lr": 0.1}}]}
        """
    }
}

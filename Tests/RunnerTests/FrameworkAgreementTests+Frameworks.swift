/// One test per framework: its worker's modes on every model family, train and infer, against dlbench eager.
extension FrameworkAgreementTests {
    /// The workers with a bert (PyTorch through transformers' BertModel, JAX, ONNX Runtime) run every family.
    static let everyFamily = Set(families)

    func testNumPyAgreesOnEveryFamily() throws {
        try assertAgrees(Framework(name: "numpy", probe: "import numpy", engines: [("numpy", #"{ "mode": "eager" }"#)],
                                   module: "dlbench_numpy"))
    }

    func testPyTorchAgreesOnEveryFamily() throws {
        try assertAgrees(Framework(name: "PyTorch", probe: "import torch",
                                   engines: [("torch-eager", #"{ "mode": "eager" }"#), ("torch-compile", #"{ "mode": "compile" }"#)],
                                   module: "dlbench_torch", trains: Self.everyFamily, infers: Self.everyFamily))
    }

    func testJAXAgreesOnEveryFamily() throws {
        try assertAgrees(Framework(name: "JAX", probe: "import jax",
                                   engines: [("jax-jit", #"{ "mode": "jit" }"#), ("jax-eager", #"{ "mode": "eager" }"#)],
                                   module: "dlbench_jax", trains: Self.everyFamily, infers: Self.everyFamily))
    }

    func testTensorFlowAgreesOnEveryFamily() throws {
        try assertAgrees(Framework(name: "TensorFlow", probe: "import tensorflow",
                                   engines: [("tensorflow-eager", #"{ "mode": "eager" }"#),
                                             ("tensorflow-function", #"{ "mode": "function" }"#),
                                             ("tensorflow-xla", #"{ "mode": "xla" }"#)],
                                   module: "dlbench_tensorflow"))
    }

    func testKerasAgreesOnEveryFamilyOverEachBackend() throws {
        try assertAgrees(Framework(name: "Keras 3", probe: "import keras, tensorflow, jax, torch",
                                   engines: [("keras-tensorflow", #"{ "backend": "tensorflow", "jitCompile": true }"#),
                                             ("keras-tensorflow-nojit", #"{ "backend": "tensorflow", "jitCompile": false }"#),
                                             ("keras-jax", #"{ "backend": "jax", "jitCompile": true }"#),
                                             ("keras-torch", #"{ "backend": "torch", "jitCompile": true }"#)],
                                   module: "dlbench_keras"))
    }

    func testONNXRuntimeAgreesOnEveryFamilyAndSkipsTraining() throws {
        try assertAgrees(Framework(name: "ONNX Runtime", probe: "import onnx, onnxruntime",
                                   engines: [("onnxruntime", #"{ "graphOptimization": "all" }"#),
                                             ("onnxruntime-noopt", #"{ "graphOptimization": "disabled" }"#)],
                                   module: "dlbench_onnxruntime", trains: [], infers: Self.everyFamily))
    }

    func testMXNetAgreesOnEveryFamilyFromItsOwnEnvironment() throws {
        try assertAgrees(Framework(name: "MXNet", probe: "import mxnet", interpreter: "Workers/python/.venv-mxnet/bin/python",
                                   engines: [("mxnet-imperative", #"{ "mode": "imperative" }"#),
                                             ("mxnet-hybridize", #"{ "mode": "hybridize" }"#)],
                                   module: "dlbench_mxnet"))
    }
}

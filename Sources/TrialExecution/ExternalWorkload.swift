import ProtocolModel

/// What an external worker needs to run one case, resolved by dlbench so that no worker has to re-implement
/// the protocol decoder: the model's architecture with every default filled in, the optimizer, the step counts,
/// the thread count, the requested metrics, the engine's pass-through `options`, and the hand-off files (initial
/// weights, dataset, the trial's batch order). Sent as the `external` key of the `run` request.
public struct ExternalWorkload: Codable, Sendable, Equatable {
    public struct Model: Codable, Sendable, Equatable {
        /// "mlp", "cnn", "transformer", "lstm" or "bert".
        public var kind: String
        public var hidden: [Int]?
        public var activation: String?
        public var convolutions: [Convolution]?
        public var pool: Int?
        /// Convolution padding in pixels per stage ("same" resolved to kernel / 2, "valid" to 0).
        public var padding: [Int]?
        public var modelWidth: Int?
        public var heads: Int?
        public var layers: Int?
        public var feedForwardWidth: Int?
        public var embeddingWidth: Int?
        public var hiddenWidth: Int?
        /// bert: the encoder's numbers (layers and heads above; hiddenWidth is the encoder's width) and its head,
        /// "embedding" (the mean-pooled output) or "classifier".
        public var intermediateWidth: Int?
        public var maxPositions: Int?
        public var typeVocabulary: Int?
        public var layerNormEpsilon: Double?
        public var head: String?
    }

    public struct Convolution: Codable, Sendable, Equatable {
        public var channels: Int
        public var kernel: Int
    }

    public struct Optimizer: Codable, Sendable, Equatable {
        /// "sgd", "adam" or "adamw".
        public var kind: String
        public var learningRate: Double
        public var momentum: Double
        public var nesterov: Bool
        public var weightDecay: Double
        public var beta1: Double
        public var beta2: Double
        public var epsilon: Double
    }

    /// Paths of the hand-off files (safetensors, float32; see docs/worker-protocol.md).
    public struct Files: Codable, Sendable, Equatable {
        /// The seeded initial weights, PyTorch names and layout (`Checkpoint`).
        public var weights: String
        /// `train.features`, `train.labels`, `test.features`, `test.labels` of the task's dataset.
        public var data: String
        /// `indices` (train example indices of every step, concatenated) and `batchSizes` (one per step);
        /// absent for infer tasks, whose queries are consecutive test-split batches.
        public var batches: String?

        public init(weights: String, data: String, batches: String?) {
            self.weights = weights
            self.data = data
            self.batches = batches
        }
    }

    public var engine: String
    public var options: PassThroughJSON
    /// "train" or "infer" (see `scenario`).
    public var taskKind: String
    public var model: Model
    /// One example's shape ([features], [C, H, W] or [sequence]); labels are class indices.
    public var inputShape: [Int]
    public var classes: Int
    /// Absent for infer tasks (nothing is trained).
    public var optimizer: Optimizer?
    /// The training batch, or the infer case's batch size (one query = one forward pass of this many examples).
    public var batchSize: Int
    /// Train: untimed steps after the first step (the first step counts as the first warm-up step, as in dlbench).
    /// Infer: untimed warm-up queries before the measured ones.
    public var warmupSteps: Int
    /// Train: timed steps. Infer: the task's `iterations`, the least number of measured queries.
    public var measuredSteps: Int
    /// Train: steps in the batches file, max(warmupSteps, 1) + measuredSteps. Infer: warmupSteps + measuredSteps.
    public var totalSteps: Int
    public var threads: Int
    /// The metric names this task should report (a worker sends no others).
    public var metrics: [String]
    /// The worker reports the losses of this many first steps in `result.losses` (0 for infer tasks).
    public var agreementSteps: Int
    public var files: Files
    /// Infer tasks only: "single-stream", "offline" or "server" (then `server` says what arrives when).
    public var scenario: String? = nil
    /// Infer tasks only: measured queries continue past `measuredSteps` until this much measured time has passed.
    public var minDurationSeconds: Double? = nil
    /// Server-scenario infer tasks only: the arrivals to serve and the rate search's schedules.
    public var server: Server? = nil

    /// The server scenario handed to a worker: the same seeded Poisson arrivals dlbench's own engines face in this
    /// trial, so every engine serves exactly the same schedule (see TrialExecutor+Server for the rule).
    public struct Server: Codable, Sendable, Equatable {
        public var targetRate: Double
        public var latencyBoundMs: Double
        /// Offsets of the measured queries' arrivals from the start, nanoseconds, ascending.
        public var arrivalNanoseconds: [UInt64]
        /// Whether to search for the highest rate whose p99 meets the bound (then `probeUnitArrivals` is filled).
        public var searchHighestRate: Bool
        /// One schedule per probe of the search (probe k = index k − 1), `measuredSteps` arrivals each, in seconds at
        /// one query per second: divide by the probe's rate. Doublings then bisections, as many as dlbench's.
        public var probeUnitArrivals: [[Double]]
        public var rateSearchDoublings: Int
        public var rateSearchBisections: Int

        public init(targetRate: Double, latencyBoundMs: Double, arrivalNanoseconds: [UInt64], searchHighestRate: Bool,
                    probeUnitArrivals: [[Double]], rateSearchDoublings: Int, rateSearchBisections: Int) {
            self.targetRate = targetRate
            self.latencyBoundMs = latencyBoundMs
            self.arrivalNanoseconds = arrivalNanoseconds
            self.searchHighestRate = searchHighestRate
            self.probeUnitArrivals = probeUnitArrivals
            self.rateSearchDoublings = rateSearchDoublings
            self.rateSearchBisections = rateSearchBisections
        }
    }

    public init(engine: String, options: PassThroughJSON, taskKind: String, model: Model, inputShape: [Int], classes: Int,
                optimizer: Optimizer?, batchSize: Int, warmupSteps: Int, measuredSteps: Int, totalSteps: Int, threads: Int,
                metrics: [String], agreementSteps: Int, files: Files, scenario: String? = nil,
                minDurationSeconds: Double? = nil) {
        self.engine = engine
        self.options = options
        self.taskKind = taskKind
        self.model = model
        self.inputShape = inputShape
        self.classes = classes
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.warmupSteps = warmupSteps
        self.measuredSteps = measuredSteps
        self.totalSteps = totalSteps
        self.threads = threads
        self.metrics = metrics
        self.agreementSteps = agreementSteps
        self.files = files
        self.scenario = scenario
        self.minDurationSeconds = minDurationSeconds
    }
}

extension ExternalWorkload.Model {
    public init(_ architecture: ModelArchitecture) {
        kind = architecture.kind.rawValue
        switch architecture {
        case let .mlp(spec):
            hidden = spec.hidden
            activation = spec.activation.rawValue
        case let .cnn(spec):
            convolutions = spec.convolutions.map { ExternalWorkload.Convolution(channels: $0.channels, kernel: $0.kernel) }
            pool = spec.pool
            padding = spec.convolutions.map { spec.padding == .valid ? 0 : $0.kernel / 2 }
        case let .transformer(spec):
            modelWidth = spec.modelWidth
            heads = spec.heads
            layers = spec.layers
            feedForwardWidth = spec.feedForwardWidth
        case let .lstm(spec):
            embeddingWidth = spec.embeddingWidth
            hiddenWidth = spec.hiddenWidth
        case let .bert(spec):
            hiddenWidth = spec.hiddenWidth
            layers = spec.layers
            heads = spec.heads
            intermediateWidth = spec.intermediateWidth
            maxPositions = spec.maxPositions
            typeVocabulary = spec.typeVocabulary
            layerNormEpsilon = spec.layerNormEpsilon
            head = spec.head.rawValue
        }
    }
}

extension ExternalWorkload.Optimizer {
    public init(_ spec: OptimizerSpec) {
        kind = spec.kind.rawValue
        learningRate = spec.learningRate
        momentum = spec.momentum
        nesterov = spec.nesterov
        weightDecay = spec.weightDecay
        beta1 = spec.beta1
        beta2 = spec.beta2
        epsilon = spec.epsilon
    }
}

import Engines
import ProtocolModel
import Measurement

/// Samples a graph engine's capture and memory-plan figures (and a device engine's memory, fallbacks and transfer
/// time), once per trial; eager engines report none.
enum EngineStatisticsSamples {
    static func samples(_ engine: any Engine, metrics: Set<Metric>) -> [MetricSample] {
        guard let statistics = engine.statistics else { return [] }
        let values: [(Metric, Double)] = [
            (.captureTime, Double(statistics.captureNanoseconds) / 1e6),
            (.arenaBytes, Double(statistics.arenaBytes)),
            (.unplannedIntermediateBytes, Double(statistics.naiveIntermediateBytes)),
            (.kernelsPerStep, Double(statistics.kernelsPerStep)),
            (.kernelBytesPerStep, Double(statistics.kernelBytesPerStep)),
        ] + (statistics.device.isEmpty ? [(.interpretedKernelsPerStep, Double(statistics.interpretedKernelsPerStep))] : [
            (.devicePeakBytes, Double(statistics.devicePeakBytes)),
            (.hostFallbackKernels, Double(statistics.fallbackOperations)),
            (.uploadTime, Double(statistics.uploadNanoseconds) / 1e6),
            (.programBuildTime, Double(statistics.programBuildNanoseconds) / 1e6),
        ])
        return values.filter { metrics.contains($0.0) }.map { MetricSample(metric: $0.0.rawValue, unit: $0.0.unit, value: $0.1) }
    }
}

import Measurement
import ProtocolModel

/// The server scenario's schedules for an external worker, drawn exactly as `TrialExecutor+Server` draws them for
/// dlbench's own engines in the same trial: probe 0 is the measured run at the target rate; probes 1… are the
/// highest-rate search's, sent at one query per second for the worker to scale by the rate it probes.
public enum ExternalServerSchedule {
    public static func server(benchmark: BenchmarkProtocol, plannedCase: PlannedCase, trialIndex: Int, spec: InferSpec,
                              settings: ServerSettings, wantsRateSearch: Bool) -> ExternalWorkload.Server {
        let seed = TrialExecutor.trialSeed(benchmark: benchmark, plannedCase: plannedCase, trialIndex: trialIndex)
        let count = TrialExecutor.serverQueries(spec: spec, settings: settings)
        let searches = settings.searchHighestRate && wantsRateSearch
        let probes = searches ? TrialExecutor.rateSearchDoublings + TrialExecutor.rateSearchBisections : 0
        return ExternalWorkload.Server(
            targetRate: settings.targetRate, latencyBoundMs: settings.latencyBoundMilliseconds,
            arrivalNanoseconds: ArrivalSchedule.poisson(rate: settings.targetRate, count: count,
                                                        seed: SplitMix64.derivedSeed(seed, 0)),
            searchHighestRate: searches,
            probeUnitArrivals: (0..<probes).map { probe in
                ArrivalSchedule.unitRateSeconds(count: spec.iterations, seed: SplitMix64.derivedSeed(seed, UInt64(probe + 1)))
            },
            rateSearchDoublings: TrialExecutor.rateSearchDoublings, rateSearchBisections: TrialExecutor.rateSearchBisections)
    }
}

import Foundation

/// The command line of dlbench-microbench.
struct Options {
    var threads = 1
    var seconds = 0.5
    /// Substrings of measurement names to run (case-insensitive); empty runs everything.
    var only: [String] = []
    /// Engines to run in the training-step section (eager, traced, fused); empty runs all.
    var engines: [String] = []
    /// Print the graph engines' per-kernel breakdown after each training-step measurement.
    var profile = false
    /// OpenBLAS's own thread count (default 1: dlbench splits products over its pool; more is for experiments).
    var blasThreads: Int?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--threads": threads = iterator.next().flatMap(Int.init) ?? threads
            case "--seconds": seconds = iterator.next().flatMap(Double.init) ?? seconds
            case "--only": only.append(iterator.next()?.lowercased() ?? "")
            case "--engine": engines.append(iterator.next()?.lowercased() ?? "")
            case "--profile": profile = true
            case "--blas-threads": blasThreads = iterator.next().flatMap(Int.init)
            case "--help", "-h":
                print("usage: dlbench-microbench [--threads N] [--seconds S] [--only NAME-SUBSTRING]… [--engine eager|traced|fused]… [--profile] [--blas-threads N]")
                exit(0)
            default:
                FileHandle.standardError.write("unknown argument \(argument)\n".data(using: .utf8)!)
                exit(2)
            }
        }
    }
}

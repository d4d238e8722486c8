import ArgumentParser
import ResultStore

/// `dlbench merge A.sqlite B.sqlite … --into C.sqlite`: one database from several machines' results.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine result databases (e.g. from several machines) into one.",
        discussion: """
        Copies every run of each source (with machines, cases, trials, samples, kernel profiles, trial order and \
        warnings) into the target, creating it when needed. A run already in the target — same protocol hash, start time and machine \
        identities — is skipped, so merging twice adds nothing. Machines stay per run: results of different \
        environment fingerprints are never pooled.

          dlbench merge laptop.sqlite ci.sqlite --into all.sqlite
        """
    )

    @Argument(help: ArgumentHelp("Source databases.", valueName: "source.sqlite"))
    var sources: [String]

    @Option(help: ArgumentHelp("The target database.", valueName: "path"))
    var into: String

    func run() throws {
        let target = try DatabaseOptions.open(path: into, creating: true)
        for source in sources {
            do {
                let summary = try target.merge(from: source)
                print("\(source): \(summary.runsAdded) run(s) added, \(summary.runsAlreadyPresent) already present")
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}

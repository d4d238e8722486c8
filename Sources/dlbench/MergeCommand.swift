import ArgumentParser
import ResultStore

/// `dlbench merge A.sqlite B.sqlite … --into C.sqlite`: one database from several machines' results; any of them
/// may be a PostgreSQL URL (SQLite ⇄ PostgreSQL both ways).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine result databases (e.g. from several machines) into one.",
        discussion: """
        Copies every run of each source (with machines, cases, trials, samples, kernel profiles, trial order and \
        warnings) into the target, creating it when needed. A run already in the target — the same run UUID, or for \
        runs from before UUIDs the same protocol hash, start time and machine identities — is skipped, so merging \
        twice adds nothing. Machines stay per run: results of different environment fingerprints are never pooled. \
        Sources and target may be SQLite files or postgres:// URLs (see docs/fleet.md).

          dlbench merge laptop.sqlite ci.sqlite --into all.sqlite
          dlbench merge laptop.sqlite --into postgres://bench@db.example:5432/dlbench
          dlbench merge postgres://bench@db.example:5432/dlbench --into offline-copy.sqlite
        """
    )

    @Argument(help: ArgumentHelp("Source databases (files or postgres:// URLs).", valueName: "source"))
    var sources: [String]

    @Option(help: ArgumentHelp("The target database (a file or a postgres:// URL).", valueName: "path|url"))
    var into: String

    func run() throws {
        let target = try DatabaseOptions.open(path: into, creating: true)
        for source in sources {
            do {
                let sourceStore = try DatabaseOptions.open(path: source)
                let summary = try target.merge(from: sourceStore)
                print("\(sourceStore.path): \(summary.runsAdded) run(s) added, \(summary.runsAlreadyPresent) already present")
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}

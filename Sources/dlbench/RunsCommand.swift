import ArgumentParser
import Reports

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List stored runs, newest first.",
        discussion: "Shows each run's id (for `dlbench report --run ID`), protocol, start, duration, status and case counts."
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        print(RunListReport.render(try store.runs()))
    }
}

import Foundation

/// What `dlbench --version` prints: the release and the commit of the checkout this binary was built in.
///
/// SwiftPM has no build-time hook for the commit without a plugin, so it is read when asked, from the checkout
/// that holds the running binary (`<checkout>/.build/<triple>/<configuration>/dlbench`); a binary copied
/// elsewhere says the commit is unknown rather than guessing from the current directory.
enum VersionInfo {
    static let release = "0.5.0"

    static var line: String {
        guard let checkout = checkoutOfRunningBinary(), let commit = git(["rev-parse", "--short=12", "HEAD"], in: checkout)
        else { return "dlbench \(release) (commit unknown: not run from a git checkout's .build folder)" }
        let dirty = git(["status", "--porcelain", "--untracked-files=no"], in: checkout).map { !$0.isEmpty } ?? false
        return "dlbench \(release) (commit \(commit)\(dirty ? ", with uncommitted changes" : ""))"
    }

    private static func checkoutOfRunningBinary() -> URL? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while directory.path != "/" {
            if directory.lastPathComponent.hasPrefix(".build") { return directory.deletingLastPathComponent() }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    private static func git(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

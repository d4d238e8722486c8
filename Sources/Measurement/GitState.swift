import Foundation

/// The git commit and dirtiness of the working directory, read by running `git`.
///
/// Results must name the code that produced them; when git or a repository is unavailable
/// (a release tarball, a container without git) both values are nil rather than an error.
struct GitState {
    var commit: String?
    var dirty: Bool?

    static func read(in directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) -> GitState {
        guard let head = runGit(["rev-parse", "HEAD"], in: directory) else {
            return GitState(commit: nil, dirty: nil)
        }
        let commit = head.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = runGit(["status", "--porcelain"], in: directory)
        let dirty = status.map { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        return GitState(commit: commit.isEmpty ? nil : commit, dirty: dirty)
    }

    /// Standard output of `git arguments…`, or nil when git is missing or exits non-zero.
    private static func runGit(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

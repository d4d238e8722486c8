import Foundation

/// The git commit and dirtiness of a checkout, read by running `git`.
///
/// Results must name the code that produced them; when git or a repository is unavailable
/// (a release tarball, a container without git) both values are nil rather than an error.
public struct GitState {
    public var commit: String?
    public var dirty: Bool?

    /// The checkout the running binary was built in (`<checkout>/.build…/<triple>/<configuration>/dlbench`): the
    /// code that measures, wherever the user runs it from. A build folder outside the checkout (`--scratch-path
    /// /elsewhere`) falls back to the sources this file was compiled from, when they are still there. Nil otherwise —
    /// then the commit is unknown rather than guessed from the current directory (which may be another repository).
    public static var checkoutOfRunningBinary: URL? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return nil
        }
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        while directory.path != "/" {
            if directory.lastPathComponent.hasPrefix(".build") {
                let checkout = directory.deletingLastPathComponent()
                if isPackage(checkout) { return checkout }
                // <checkout>/Sources/Measurement/GitState.swift
                let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent()
                return isPackage(sources) ? sources : nil
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    private static func isPackage(_ directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path)
    }

    /// The state of the running binary's checkout; both nil when it has none.
    public static func ofRunningBinary() -> GitState {
        guard let checkout = checkoutOfRunningBinary else { return GitState(commit: nil, dirty: nil) }
        return read(in: checkout)
    }

    public static func read(in directory: URL) -> GitState {
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

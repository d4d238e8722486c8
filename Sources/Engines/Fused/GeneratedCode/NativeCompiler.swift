import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Compiles generated C into a shared library with the system C compiler and loads it (tinygrad's CLANG
/// backend does the same). Libraries are cached by a hash of their source under the user's cache directory, so
/// a second process — every trial runs in its own worker — loads instead of compiling. The compiler is `cc`
/// (override with DLBENCH_CC); flags keep IEEE results: no FMA contraction, no fast-math (only no FP traps and
/// no errno, which let loops with selects and sqrt vectorise), and the same
/// instruction set the Swift kernels are built for, so generated kernels match the interpreter bit for bit.
final class NativeCompiler: @unchecked Sendable {
    static let shared = NativeCompiler()

    enum Failure: Error, CustomStringConvertible {
        case compilerFailed(command: String, log: String)
        case loadFailed(path: String, reason: String)
        case missingSymbol(String)

        var description: String {
            switch self {
            case let .compilerFailed(command, log): return "\(command) failed: \(log.suffix(600))"
            case let .loadFailed(path, reason): return "dlopen(\(path)) failed: \(reason)"
            case let .missingSymbol(name): return "generated library has no symbol \(name)"
            }
        }
    }

    typealias Kernel = @convention(c) (UnsafePointer<UnsafePointer<Float>>?, UnsafePointer<UnsafeMutablePointer<Float>>?, Int, Int) -> Void

    private let lock = NSLock()
    private var handles: [String: UnsafeMutableRawPointer] = [:]

    static var compiler: String { ProcessInfo.processInfo.environment["DLBENCH_CC"] ?? "cc" }

    static var flags: [String] {
        var flags = ["-O3", "-std=c11", "-ffp-contract=off", "-fno-trapping-math", "-fno-math-errno", "-fPIC", "-shared", "-w"]
        #if arch(x86_64)
        if ProcessInfo.processInfo.environment["DLBENCH_PORTABLE"] == nil { flags.append("-march=haswell") }
        #endif
        return flags
    }

    static var cacheDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("dlbench/kernels")
    }

    /// The functions `names` of `source`, compiled (or loaded from the cache) and resolved.
    func load(source: String, names: [String]) throws -> [String: Kernel] {
        let key = Self.hash(source + Self.compiler + Self.flags.joined(separator: " "))
        lock.lock()
        defer { lock.unlock() }
        let handle: UnsafeMutableRawPointer
        if let cached = handles[key] {
            handle = cached
        } else {
            let library = try Self.compile(source: source, key: key)
            guard let opened = dlopen(library.path, RTLD_NOW | RTLD_LOCAL) else {
                throw Failure.loadFailed(path: library.path, reason: String(cString: dlerror()))
            }
            handles[key] = opened
            handle = opened
        }
        var kernels: [String: Kernel] = [:]
        for name in names {
            guard let symbol = dlsym(handle, name) else { throw Failure.missingSymbol(name) }
            kernels[name] = unsafeBitCast(symbol, to: Kernel.self)
        }
        return kernels
    }

    private static func compile(source: String, key: String) throws -> URL {
        let directory = cacheDirectory
        let library = directory.appendingPathComponent("\(key).so")
        if FileManager.default.fileExists(atPath: library.path) { return library }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Written under unique names and renamed into place, so concurrent workers never load a partial file.
        let unique = "\(key)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))"
        let sourceFile = directory.appendingPathComponent("\(unique).c")
        let temporary = directory.appendingPathComponent("\(unique).so")
        try source.write(to: sourceFile, atomically: true, encoding: .utf8)
        // The source stays beside its library (<key>.c) for whoever wants to read what the fused engine generated.
        defer { if rename(sourceFile.path, directory.appendingPathComponent("\(key).c").path) != 0 {
            try? FileManager.default.removeItem(at: sourceFile)
        } }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [compiler] + flags + ["-o", temporary.path, sourceFile.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure.compilerFailed(command: ([compiler] + flags).joined(separator: " "),
                                         log: String(decoding: log, as: UTF8.self))
        }
        if rename(temporary.path, library.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        return library
    }

    /// FNV-1a, 64-bit, as hex: a cache key, not a security boundary.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(value, radix: 16)
    }
}

import COpenCL
import Foundation

/// Built programs for the life of the process, keyed by (source text, build options, device). Keying on the full
/// source rather than a digest rules out collisions; generated elementwise kernels reuse a build whenever the
/// same fused expression recurs.
public final class ProgramCache: @unchecked Sendable {
    public static let shared = ProgramCache()

    struct Key: Hashable {
        let source: String
        let options: String
        let device: OpenCLDevice
    }

    private let lock = NSLock()
    private var programs: [Key: OpenCLProgram] = [:]

    /// Number of programs held (all devices).
    public var count: Int { lock.lock(); defer { lock.unlock() }; return programs.count }

    func program(source: String, options: String, label: String,
                 context: OpenCLContext) throws -> (OpenCLProgram, ProgramBuildRecord) {
        let key = Key(source: source, options: options, device: context.device)
        // Holding the lock across the build keeps two threads from compiling the same source twice.
        lock.lock()
        defer { lock.unlock() }
        if let cached = programs[key] {
            return (cached, ProgramBuildRecord(label: label, cacheHit: true, buildSeconds: 0))
        }
        let start = ContinuousClock.now
        let program = try OpenCLProgram.build(source: source, options: options, label: label, context: context)
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        programs[key] = program
        return (program, ProgramBuildRecord(label: label, cacheHit: false, buildSeconds: seconds))
    }
}

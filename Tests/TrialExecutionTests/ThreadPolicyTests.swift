import Foundation
@testable import TrialExecution
import XCTest

/// The thread policy pins every thread of a worker, those started before the call included, to the first N CPUs
/// it may use; the mask read back is the kernel's (/proc/self/task/*/status), not the policy's own bookkeeping.
final class ThreadPolicyTests: XCTestCase {
    /// `Cpus_allowed_list` of every thread of this process, expanded ("0-2,5" → [0, 1, 2, 5]).
    private func kernelMasks() throws -> [[Int]] {
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")
        return tasks.compactMap { task in
            guard let status = try? String(contentsOfFile: "/proc/self/task/\(task)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") })
            else { return nil }
            return line.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces)
                .split(separator: ",").flatMap { range -> [Int] in
                    let bounds = range.split(separator: "-").compactMap { Int($0) }
                    return bounds.count == 2 ? Array(bounds[0]...bounds[1]) : bounds
                }
        }
    }

    func testAllowedCPUsAreTheKernelsMaskOfThisThread() throws {
        let allowed = ThreadPolicy.allowedCPUs()
        XCTAssertFalse(allowed.isEmpty)
        XCTAssertEqual(allowed, allowed.sorted())
        XCTAssertTrue(try kernelMasks().contains(allowed), "\(allowed) is some thread's mask")
    }

    func testPinningReachesThreadsStartedBeforeTheCallAndIsUndone() throws {
        let original = ThreadPolicy.allowedCPUs()
        let started = DispatchSemaphore(value: 0), finish = DispatchSemaphore(value: 0)
        let thread = Thread { started.signal(); finish.wait() }
        thread.start()
        started.wait()
        defer {
            XCTAssertTrue(ThreadPolicy.pin(to: original), "the original mask restored")
            finish.signal()
        }
        let applied = ThreadPolicy.pinProcess(threads: 1)
        XCTAssertTrue(applied.pinned)
        XCTAssertEqual(applied.cpus, [original[0]])
        let masks = try kernelMasks()
        XCTAssertGreaterThanOrEqual(masks.count, 2, "the test's own thread is alive")
        XCTAssertTrue(masks.allSatisfy { $0 == [original[0]] }, "every thread pinned: \(masks)")
        XCTAssertEqual(ThreadPolicy.pinProcess(threads: 64).cpus, [original[0]],
                       "more threads than allowed CPUs keeps what is allowed")
    }
}

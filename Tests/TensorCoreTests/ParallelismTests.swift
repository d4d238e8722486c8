import Foundation
import TensorCore
import XCTest

/// The one thread pool (`CThreadPool` behind `Parallelism`): every task runs exactly once whatever the thread
/// count, nested regions and regions started from several threads at once run their tasks too (on the calling
/// thread), and work really is spread when threads are available.
final class ParallelismTests: XCTestCase {
    override func tearDown() {
        Parallelism.setThreadCount(1)
        super.tearDown()
    }

    func testEveryTaskRunsExactlyOnceAtEveryThreadCount() {
        for threads in [1, 2, 3, 5] {
            Parallelism.setThreadCount(threads)
            XCTAssertEqual(Parallelism.threadCount, threads)
            for tasks in [0, 1, 2, 3, 7, 64, 1000] {
                let counts = UnsafeMutablePointer<Int>.allocate(capacity: max(tasks, 1))
                counts.initialize(repeating: 0, count: max(tasks, 1))
                defer { counts.deallocate() }
                for _ in 0..<20 { Parallelism.run(tasks: tasks) { task in counts[task] += 1 } }
                for task in 0..<tasks { XCTAssertEqual(counts[task], 20, "threads \(threads), tasks \(tasks), task \(task)") }
            }
        }
    }

    func testWorkIsCutIntoAWholeNumberOfPiecesPerThreadAndSmallWorkStaysWhole() {
        for threads in [2, 3] {
            Parallelism.setThreadCount(threads)
            let minimum = Parallelism.minimumElementsPerThread
            XCTAssertEqual(Parallelism.chunkCount(rows: 100, elementsPerRow: minimum / 100), 1, "below the minimum")
            XCTAssertEqual(Parallelism.chunkCount(rows: 1, elementsPerRow: 100 * minimum), 1, "one row cannot split")
            for (rows, width) in [(64, minimum / 8), (1000, minimum), (7, minimum), (3, minimum)] {
                let chunks = Parallelism.chunkCount(rows: rows, elementsPerRow: width)
                XCTAssertGreaterThan(chunks, 1, "\(rows) rows of \(width)")
                XCTAssertLessThanOrEqual(chunks, min(rows, Parallelism.piecesPerThread * threads))
                XCTAssertTrue(chunks % threads == 0 || chunks == min(threads, rows), "\(chunks) pieces for \(threads) threads")
            }
            XCTAssertEqual(MatrixProduct.splitParts(for: .gemm, m: 128, n: 256, k: 784, threads: threads) % threads, 0)
        }
    }

    func testANestedRegionRunsItsTasksOnTheCallingThread() {
        Parallelism.setThreadCount(2)
        let cells = UnsafeMutablePointer<Int>.allocate(capacity: 16)
        cells.initialize(repeating: 0, count: 16)
        defer { cells.deallocate() }
        Parallelism.run(tasks: 4) { outer in
            Parallelism.run(tasks: 4) { inner in cells[outer * 4 + inner] += outer * 4 + inner + 1 }
        }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: cells, count: 16)), Array(1...16))
    }

    func testRegionsStartedFromSeveralThreadsAtOnceAllComplete() {
        Parallelism.setThreadCount(2)
        let callers = 4, tasks = 50
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: callers * tasks)
        counts.initialize(repeating: 0, count: callers * tasks)
        defer { counts.deallocate() }
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            for _ in 0..<200 { Parallelism.run(tasks: tasks) { task in counts[caller * tasks + task] += 1 } }
        }
        for index in 0..<(callers * tasks) { XCTAssertEqual(counts[index], 200, "cell \(index)") }
    }

    func testAWorkerTakesTasksWhileTheCallerIsBusy() {
        Parallelism.setThreadCount(2)
        // The caller claims task 0 and sleeps in it; task 1 can only run meanwhile on another thread.
        let runners = UnsafeMutablePointer<pthread_t>.allocate(capacity: 2)
        defer { runners.deallocate() }
        Parallelism.run(tasks: 2) { task in
            runners[task] = pthread_self()
            if task == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        XCTAssertEqual(pthread_equal(runners[0], pthread_self()) != 0 || pthread_equal(runners[1], pthread_self()) != 0, true,
                       "the caller takes part")
        XCTAssertEqual(pthread_equal(runners[0], runners[1]), 0, "both tasks ran on one thread: no worker took part")
    }

    func testAWorkerThatSleptWakesForTheNextRegion() {
        Parallelism.setThreadCount(2)
        Parallelism.run(tasks: 2) { _ in }
        Thread.sleep(forTimeInterval: 0.02) // past the worker's spin: it sleeps on its condition variable
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        counts.initialize(repeating: 0, count: 8)
        defer { counts.deallocate() }
        Parallelism.run(tasks: 8) { task in counts[task] += 1 }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: counts, count: 8)), Array(repeating: 1, count: 8))
    }

    func testTheRoundTripProbeAnswersAtTwoThreadsAndLeavesThePoolWorking() throws {
        Parallelism.setThreadCount(1)
        XCTAssertNil(Parallelism.roundTripNanoseconds(), "one thread has no worker to ask")
        Parallelism.setThreadCount(2)
        Thread.sleep(forTimeInterval: 0.02) // the worker asleep: the probe must wake it
        let roundTrip = try XCTUnwrap(Parallelism.roundTripNanoseconds(), "the worker did not answer")
        // Units, not speed: even on a loaded machine a median round trip stays far below a tenth of a second.
        XCTAssertTrue(roundTrip > 0 && roundTrip < 1e8, "\(roundTrip) ns is not a round trip")
        var nested: Double?? = .none
        Parallelism.run(tasks: 2) { task in if task == 0 { nested = .some(Parallelism.roundTripNanoseconds()) } }
        XCTAssertEqual(nested, .some(nil), "inside a region the probe declines instead of waiting on itself")
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        counts.initialize(repeating: 0, count: 8)
        defer { counts.deallocate() }
        Parallelism.run(tasks: 8) { task in counts[task] += 1 }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: counts, count: 8)), Array(repeating: 1, count: 8))
    }
}

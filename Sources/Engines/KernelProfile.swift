/// Time per kernel over a stretch of steps, so a report can say which kernel of a step dominates. Graph engines
/// time each kernel on the host clock; device engines read their queue's profiling events. Entries keep the
/// order of first launch, which is the step's replay order.
public struct KernelProfile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// The kernel and the shape it ran on, e.g. "matmul(tA: false, tB: false)+bias+relu → [128×256]".
        public var kernel: String
        public var launches: Int
        public var nanoseconds: UInt64

        public init(kernel: String, launches: Int, nanoseconds: UInt64) {
            self.kernel = kernel
            self.launches = launches
            self.nanoseconds = nanoseconds
        }
    }

    public private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]

    public init() {}

    public init(entries: [Entry]) {
        for entry in entries { record(kernel: entry.kernel, nanoseconds: entry.nanoseconds, launches: entry.launches) }
    }

    public mutating func record(kernel: String, nanoseconds: UInt64, launches: Int = 1) {
        if let position = positions[kernel] {
            entries[position].launches += launches
            entries[position].nanoseconds &+= nanoseconds
        } else {
            positions[kernel] = entries.count
            entries.append(Entry(kernel: kernel, launches: launches, nanoseconds: nanoseconds))
        }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var totalNanoseconds: UInt64 { entries.reduce(0) { $0 &+ $1.nanoseconds } }

    public static func == (lhs: KernelProfile, rhs: KernelProfile) -> Bool { lhs.entries == rhs.entries }
}

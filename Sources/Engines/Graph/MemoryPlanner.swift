import TensorCore

/// Where a node's value lives during replay.
public enum NodeLocation: Equatable {
    case input(InputRole)
    case constant
    case arena(offset: Int)
    case output(OutputRole)
}

/// Assigns every intermediate an offset in one arena from lifetime intervals on the linear schedule, reusing
/// the best-fitting free gap (the smallest that fits). Inputs, constants and outputs live outside the arena.
public struct MemoryPlan {
    public let locations: [NodeLocation]
    /// Arena size in Float elements.
    public let arenaElements: Int
    /// What the intermediates would take with one buffer each.
    public let naiveElements: Int

    public var arenaBytes: Int { arenaElements * MemoryLayout<Float>.stride }
    public var naiveBytes: Int { naiveElements * MemoryLayout<Float>.stride }

    /// Offsets and sizes are multiples of this many floats.
    public let alignment: Int
    /// Reshape nodes that share their input's storage: no kernel runs for them.
    public let aliases: Set<Int>

    /// Offsets are aligned to 16 floats (64 bytes, one cache line) by default.
    static func aligned(_ count: Int, to alignment: Int = 16) -> Int { (count + alignment - 1) / alignment * alignment }

    /// `alignment` (floats, ≥ 1) lets a device engine carve the arena into sub-buffers whose origins the device
    /// requires to be aligned more strictly than a cache line.
    /// With `aliasReshapes`, a reshape that is not a graph output becomes a view of its input (same location,
    /// lifetime extended) instead of a copy.
    public init(graph: ComputationGraph, alignment: Int = 16, aliasReshapes: Bool = false) {
        let alignment = Swift.max(alignment, 1)
        self.alignment = alignment
        let count = graph.nodes.count
        var lastUse = Array(0..<count)
        for (index, node) in graph.nodes.enumerated() {
            for input in node.inputs { lastUse[input] = max(lastUse[input], index) }
        }
        var outputRoles: [Int: OutputRole] = [:]
        for output in graph.outputs { outputRoles[output.node] = output.role }

        var locations = [NodeLocation](repeating: .constant, count: count)
        var live: [(offset: Int, size: Int, end: Int)] = []
        var aliases = Set<Int>()
        var arena = 0
        var naive = 0
        for (index, node) in graph.nodes.enumerated() {
            switch node.kind {
            case let .input(role): locations[index] = .input(role); continue
            case .constant: locations[index] = .constant; continue
            case .operation, .additionalOutput: break
            }
            if let role = outputRoles[index] { locations[index] = .output(role); continue }
            if aliasReshapes, node.op is Reshape, let source = node.inputs.first {
                locations[index] = locations[source]
                aliases.insert(index)
                if case let .arena(offset) = locations[source], let block = live.firstIndex(where: { $0.offset == offset }) {
                    live[block].end = max(live[block].end, lastUse[index])
                }
                continue
            }
            // An additional output is written by its producer's kernel, so it must not overlap anything that
            // kernel still reads: it is allocated as of the producer's position.
            let definedAt = node.producer ?? index
            live.removeAll { $0.end < definedAt }
            let size = Self.aligned(node.shape.elementCount, to: alignment)
            naive += size
            let offset = Self.bestFit(size: size, live: live) ?? (live.map { $0.offset + $0.size }.max() ?? 0)
            live.append((offset, size, max(lastUse[index], definedAt)))
            arena = max(arena, offset + size)
            locations[index] = .arena(offset: offset)
        }
        self.locations = locations
        self.aliases = aliases
        self.arenaElements = arena
        self.naiveElements = naive
    }

    /// The smallest gap between live blocks that holds `size`, or nil to append at the end.
    static func bestFit(size: Int, live: [(offset: Int, size: Int, end: Int)]) -> Int? {
        let sorted = live.sorted { $0.offset < $1.offset }
        var cursor = 0
        var best: (offset: Int, gap: Int)?
        for block in sorted {
            let gap = block.offset - cursor
            if gap >= size, gap < (best?.gap ?? Int.max) { best = (cursor, gap) }
            cursor = max(cursor, block.offset + block.size)
        }
        return best?.offset
    }
}

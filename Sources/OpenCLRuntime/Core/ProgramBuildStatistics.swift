/// One request for a program: whether the cache served it and how long the compiler took, so "time to first
/// step" can include compilation and a warm process can show it paid none.
public struct ProgramBuildRecord: Sendable, Equatable {
    public let label: String
    public let cacheHit: Bool
    /// Seconds spent in clCreateProgramWithSource + clBuildProgram (0 on a cache hit).
    public let buildSeconds: Double
}

/// Totals of the program requests one context made.
public struct ProgramBuildStatistics: Sendable, Equatable {
    public var programsBuilt = 0
    public var cacheHits = 0
    public var buildSeconds: Double = 0
    public var records: [ProgramBuildRecord] = []

    public init() {}

    mutating func record(_ record: ProgramBuildRecord) {
        if record.cacheHit { cacheHits += 1 } else { programsBuilt += 1 }
        buildSeconds += record.buildSeconds
        records.append(record)
    }
}

/// What a protocol asks of OpenCL: a device kind and an optional name filter, so "gpu" on a machine without one
/// becomes a typed, skippable error rather than a silent fall-back to the CPU.
public struct OpenCLDeviceRequest: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case gpu, cpu, any
    }

    public var kind: Kind
    /// A case-insensitive substring of "platform name / device name"; nil accepts every device of the kind.
    public var nameFilter: String?

    public init(kind: Kind = .any, nameFilter: String? = nil) {
        self.kind = kind
        self.nameFilter = nameFilter
    }

    /// "GPU", "CPU" or "any", with the name filter when one is set.
    public var summary: String {
        let kindText = kind == .any ? "any" : kind.rawValue.uppercased()
        guard let nameFilter, !nameFilter.isEmpty else { return kindText }
        return "\(kindText) matching \"\(nameFilter)\""
    }

    public var description: String { summary }
}

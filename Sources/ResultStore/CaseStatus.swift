/// Lifecycle of one case (machine × task × engine).
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    case pending, running, succeeded, failed, skipped
}

/// Lifecycle of a run. A run left `running` in the file was killed before it could finish;
/// its finished trials are still valid.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running, completed, interrupted, failed
}

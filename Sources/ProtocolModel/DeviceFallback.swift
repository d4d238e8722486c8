/// What a case does when its machine's device is not present (a `gpu` machine on a host without a GPU, or no
/// OpenCL platform at all): `fail` records a failed case with the reason, `skip` records a skipped one, so one
/// protocol can run on GPU and CPU-only hosts without its results claiming a device they never had.
public enum DeviceFallback: String, Sendable, Equatable, Hashable, CaseIterable {
    case fail, skip
}

import OpenCLRuntime

/// The kernels one engine has built, by configuration, so lowering a graph with fifty elementwise nodes asks the
/// program cache once per distinct program and every launch reuses the same kernel objects. Not thread-safe: an
/// engine lowers and launches from one thread.
final class KernelLibrary {
    let context: OpenCLContext
    private var built: [String: Any] = [:]

    init(context: OpenCLContext) { self.context = context }

    /// The kernel stored under `key`, made by `make` on first use.
    func kernel<Kernel>(_ key: String, make: (OpenCLContext) throws -> Kernel) throws -> Kernel {
        if let existing = built[key] as? Kernel { return existing }
        let created = try make(context)
        built[key] = created
        return created
    }
}

/// The worker of an `external` engine: `{"worker": "python3 -m dlbench_torch", "options": {…}, "environment": {…}}`.
///
/// The command is kept as its words (split as a shell would, but never run through a shell), so quoting is
/// predictable and no shell expansion can change what is measured. `options` is handed to the worker
/// untouched: dlbench does not interpret it, the worker does (e.g. `{"mode": "compile"}`).
public struct ExternalWorkerSpec: Sendable, Equatable, Hashable {
    /// The command as written in the protocol.
    public var command: String
    /// `command` split into words; the first is the executable (looked up on PATH when it has no '/').
    public var arguments: [String]
    /// Passed through to the worker in the run request; an empty object when the protocol has none.
    public var options: PassThroughJSON
    /// Variables added to (or replacing those of) dlbench's environment for the worker process.
    public var environment: [String: String]

    public init(command: String, arguments: [String], options: PassThroughJSON = .object([:]),
                environment: [String: String] = [:]) {
        self.command = command
        self.arguments = arguments
        self.options = options
        self.environment = environment
    }
}

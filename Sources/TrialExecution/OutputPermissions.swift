/// What `dlbench run` may do with the files a protocol asks it to write (`exportWeights`). A benchmark must never
/// destroy its inputs: by default an output stays inside the protocol's folder, never replaces the result database
/// or a non-regular file, and replaces an existing file only when dlbench wrote it (its safetensors metadata says
/// `dlbench.protocol`). The CLI flags `--allow-outside-output` and `--overwrite` widen the first and last rule.
public struct OutputPermissions: Sendable, Equatable {
    /// Absolute paths and `..` may leave the protocol's folder.
    public var allowOutsideProtocolFolder: Bool
    /// An existing regular file that dlbench did not write may be replaced.
    public var overwriteForeignFiles: Bool
    /// Files that are never replaced, whatever the flags (the result database).
    public var protectedPaths: [String]

    public init(allowOutsideProtocolFolder: Bool = false, overwriteForeignFiles: Bool = false,
                protectedPaths: [String] = []) {
        self.allowOutsideProtocolFolder = allowOutsideProtocolFolder
        self.overwriteForeignFiles = overwriteForeignFiles
        self.protectedPaths = protectedPaths
    }
}

import Foundation

/// The resident-set high-water mark of this process (Linux `VmHWM`).
///
/// Tensor accounting sees only tensor buffers; the peak RSS also counts the runtime, BLAS workspaces and
/// fragmentation — what a user's machine must actually provide. A worker process runs one trial of one
/// case, so its VmHWM belongs to that case alone.
public enum ProcessMemory {
    /// Peak resident bytes so far, or nil where /proc/self/status is unreadable (non-Linux).
    public static func peakResidentBytes() -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return parseKilobytes(field: "VmHWM", in: text).map { $0 * 1024 }
    }

    /// Resets the high-water mark to the current RSS (writes 5 to /proc/self/clear_refs, Linux ≥ 4.0), so an
    /// in-process trial can report its own peak. Returns false where that is not possible.
    @discardableResult
    public static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("5".utf8))
            return true
        } catch {
            return false
        }
    }

    /// The value in kB of a `Name:   123 kB` line of a /proc status file.
    static func parseKilobytes(field: String, in text: String) -> UInt64? {
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return UInt64(digits)
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Checks output paths before a run and writes output files so that a failure never leaves a half-written file
/// and a race never replaces something the check did not see.
public enum OutputFileGuard {
    /// Checks one output path against the permissions; `protocolDirectory` is the folder of the protocol file.
    public static func check(_ path: String, key: String, protocolDirectory: String,
                             permissions: OutputPermissions) throws {
        func refuse(_ reason: String) -> OutputFileError { OutputFileError(key: key, path: path, reason: reason) }
        let target = canonical(path)
        let folder = canonical(protocolDirectory)
        let inside = target.hasPrefix(folder == "/" ? "/" : folder + "/")
        if !permissions.allowOutsideProtocolFolder {
            guard inside else {
                throw refuse("outside the protocol's folder \(folder); use a relative path inside it, "
                             + "or pass --allow-outside-output")
            }
        }
        for protected in permissions.protectedPaths where sameFile(target, canonical(protected)) {
            throw refuse("this is the result database (--db); choose another path")
        }
        guard let status = fileStatus(target) else {
            try checkParent(of: target, insideProtocolFolder: inside, refuse: refuse)
            return
        }
        guard status.isRegular else { throw refuse("exists and is not a regular file; it is never replaced") }
        if isSQLiteFile(target) { throw refuse("is a SQLite database; it is never replaced") }
        if !permissions.overwriteForeignFiles, !wasWrittenByDLBench(target) {
            throw refuse("exists and was not written by dlbench; move it away or pass --overwrite")
        }
    }

    /// Writes `bytes` to a temporary file beside `path`, flushes it, then renames it into place, re-checking just
    /// before the rename that the target is still absent or a regular, non-database file.
    public static func write(_ bytes: [UInt8], to path: String, key: String) throws {
        func failure(_ reason: String) -> OutputFileError { OutputFileError(key: key, path: path, reason: reason) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, fileStatus(directory) == nil {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            catch { throw failure("cannot create its folder: \(error.localizedDescription)") }
        }
        let temporary = path + ".dlbench-\(getpid())-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary): \(errnoText())") }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = systemWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 { if errno == EINTR { continue }; return false }
                written += result
            }
            return fsync(descriptor) == 0
        }
        let writeError = errnoText()
        close(descriptor)
        guard ok else {
            unlink(temporary)
            throw failure("writing \(bytes.count) bytes failed after \(written): \(writeError)")
        }
        if let status = fileStatus(path), !status.isRegular || isSQLiteFile(path) {
            unlink(temporary)
            throw failure("changed while the run wrote it: it is now not a regular file or is a database")
        }
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw failure("cannot move the written file into place: \(reason)")
        }
    }

    /// A missing parent folder is created only inside the protocol's folder (so a typo in an absolute path does not
    /// grow a tree elsewhere); elsewhere the folder must exist.
    private static func checkParent(of target: String, insideProtocolFolder: Bool,
                                    refuse: (String) -> OutputFileError) throws {
        let parent = (target as NSString).deletingLastPathComponent
        if let status = fileStatus(parent) {
            guard status.isDirectory else { throw refuse("its parent \(parent) is not a folder") }
            return
        }
        if !insideProtocolFolder { throw refuse("its folder \(parent) does not exist; create it first") }
    }

    /// The absolute, normalised path with symbolic links of its existing part resolved.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = URL(fileURLWithPath: absolute).standardizedFileURL.path
        var rest: [String] = []
        while fileStatus(existing) == nil, existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let resolved = URL(fileURLWithPath: existing).resolvingSymlinksInPath().path
        return rest.reduce(resolved) { ($0 == "/" ? "" : $0) + "/" + $1 }
    }

    private static func sameFile(_ left: String, _ right: String) -> Bool {
        if left == right { return true }
        guard let a = fileStatus(left), let b = fileStatus(right) else { return false }
        return a.device == b.device && a.inode == b.inode
    }

    struct Status { var isRegular: Bool; var isDirectory: Bool; var device: UInt64; var inode: UInt64 }

    static func fileStatus(_ path: String) -> Status? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard stat(path, &info) == 0 else { return nil }
        }
        let type = info.st_mode & S_IFMT
        return Status(isRegular: type == S_IFREG, isDirectory: type == S_IFDIR,
                      device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    static func isSQLiteFile(_ path: String) -> Bool { prefix(of: path, count: 16) == Array("SQLite format 3\0".utf8) }

    /// A safetensors file whose JSON header carries dlbench's provenance metadata.
    static func wasWrittenByDLBench(_ path: String) -> Bool {
        let head = prefix(of: path, count: 4096)
        guard head.count > 8 else { return false }
        return String(decoding: head.dropFirst(8), as: UTF8.self).contains("\"dlbench.protocol\"")
    }

    private static func prefix(of path: String, count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)).map { [UInt8]($0) } ?? []
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, bytes, count)
        #else
        return Darwin.write(descriptor, bytes, count)
        #endif
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

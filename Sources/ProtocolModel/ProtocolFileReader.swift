#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads a protocol's bytes from a regular file or from a pipe (`dlbench run <(generate)` or `/dev/stdin`), with a
/// size cap so that `/dev/zero` or a runaway generator ends with an error instead of exhausting memory. Each failure
/// says what the path is ("a directory", "no such file", the system's reason) rather than Foundation's generic text.
enum ProtocolFileReader {
    struct Failure: Error { var reason: String }

    /// Far above any protocol a person writes (the largest shipped one is a few kilobytes).
    static let maximumBytes = 256 << 20

    static func read(_ url: URL) throws -> Data {
        guard url.isFileURL else { throw Failure(reason: "only local files can be read") }
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw Failure(reason: systemReason(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw Failure(reason: "it is a directory, not a file")
        case S_IFREG:
            guard info.st_size <= maximumBytes else {
                throw Failure(reason: "it holds \(info.st_size) bytes; a protocol may hold at most \(maximumBytes)")
            }
        case S_IFIFO, S_IFCHR, S_IFSOCK: break
        default: throw Failure(reason: "it is not a regular file or a pipe")
        }
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: systemReason(errno)) }
        defer { close(descriptor) }
        var bytes = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: systemReason(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maximumBytes else {
                throw Failure(reason: "it yields more than \(maximumBytes) bytes; a protocol may hold at most that")
            }
        }
        return Data(bytes)
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(descriptor, buffer, count)
        #else
        return Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func systemReason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a folder in its path is a file"
        default: return String(cString: strerror(code))
        }
    }
}

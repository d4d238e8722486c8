import Foundation

// libFuzzer harness for the protocol decoder, compiled together with Sources/ProtocolModel/*.swift by
// scripts/fuzz.sh. Any thrown ProtocolError is a correct answer; a trap, a sanitizer report or a timeout is a bug.
// The file name points into a directory that does not exist, so relative manifest paths find nothing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        _ = try ProtocolLoader.decode(Data(bytes: data, count: size), file: "/nonexistent-dlbench-fuzz/protocol.json")
    } catch is ProtocolError {
    } catch {
        fatalError("not a ProtocolError: \(error)")
    }
    return 0
}

import Foundation

/// A JSON file a protocol refers to (a dataset manifest, a model's config): read and parsed with every problem
/// reported through `report` as one line a user can act on — the file cannot be read (and why), or where its JSON
/// breaks (line:column).
enum ReferencedJSONFile {
    static func parse(_ file: String, report: (String) -> Void) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: file) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
            report("cannot read it: " + (!exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"))
            return nil
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            report("\(error.position.line):\(error.position.column): invalid JSON: \(error.message)")
            return nil
        }
    }
}

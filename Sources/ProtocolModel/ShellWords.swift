/// Splits a command line into words the way a POSIX shell does for quoting, without running a shell:
/// blanks separate words, '…' keeps everything literally, "…" keeps everything but lets a backslash escape
/// `"`, `\`, `$` and a backquote, and a backslash outside quotes escapes the next character.
/// No expansion happens (`$HOME`, `~` and globs stay as written), so a protocol means the same on every machine.
public enum ShellWords {
    public enum SplitError: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote(Character)
        case trailingBackslash
        case empty

        public var description: String {
            switch self {
            case let .unterminatedQuote(quote): return "the quote \(quote) is never closed; close it or escape it with a backslash"
            case .trailingBackslash: return "the command ends with a backslash; remove it or escape it as \\\\"
            case .empty: return "the command has no words; name an executable, e.g. \"python3 -m dlbench_torch\""
            }
        }
    }

    public static func split(_ text: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "'":
                inWord = true
                guard let end = characters.firstIndex(of: "'") else { throw SplitError.unterminatedQuote("'") }
                current += String(characters[characters.startIndex..<end])
                characters = characters[characters.index(after: end)...]
            case "\"":
                inWord = true
                var closed = false
                while let inner = characters.popFirst() {
                    if inner == "\"" { closed = true; break }
                    if inner == "\\", let next = characters.first, "\"\\$`".contains(next) {
                        current.append(next)
                        characters = characters.dropFirst()
                    } else {
                        current.append(inner)
                    }
                }
                guard closed else { throw SplitError.unterminatedQuote("\"") }
            case "\\":
                guard let next = characters.popFirst() else { throw SplitError.trailingBackslash }
                inWord = true
                if next != "\n" { current.append(next) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else { throw SplitError.empty }
        return words
    }
}

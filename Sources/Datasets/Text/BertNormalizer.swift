import Foundation

/// BERT's text clean-up before splitting, as Hugging Face `tokenizers`' `BertNormalizer` does it, scalar by scalar,
/// so dlbench's token ids equal the reference's: drop NUL, U+FFFD and other control or format characters, turn
/// every whitespace into a space, put spaces around CJK ideographs, strip accents (NFD, then drop non-spacing
/// marks), lower-case.
public struct BertNormalizer: Sendable, Equatable {
    public var cleanText = true
    public var handleChineseCharacters = true
    /// nil: strip accents when lower-casing (BERT's rule for uncased models).
    public var stripAccents: Bool?
    public var lowercase = true

    public init(cleanText: Bool = true, handleChineseCharacters: Bool = true, stripAccents: Bool? = nil,
                lowercase: Bool = true) {
        self.cleanText = cleanText
        self.handleChineseCharacters = handleChineseCharacters
        self.stripAccents = stripAccents
        self.lowercase = lowercase
    }

    public func normalize(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        if cleanText {
            scalars = scalars.compactMap { scalar in
                if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { return nil }
                return Self.isWhitespace(scalar) ? " " : scalar
            }
        }
        if handleChineseCharacters {
            scalars = scalars.flatMap { Self.isChineseCharacter($0) ? [" ", $0, " "] : [$0] }
        }
        var result = String(String.UnicodeScalarView(scalars))
        if stripAccents ?? lowercase {
            let decomposed = result.decomposedStringWithCanonicalMapping.unicodeScalars
            result = String(String.UnicodeScalarView(decomposed.filter { $0.properties.generalCategory != .nonspacingMark }))
        }
        if lowercase {
            // Per scalar, like Rust's char::to_lowercase: String.lowercased() would apply context rules (final sigma).
            result = String(String.UnicodeScalarView(result.unicodeScalars.flatMap { $0.properties.lowercaseMapping.unicodeScalars }))
        }
        return result
    }

    /// Tab, newline and carriage return count as whitespace, not control.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    /// Unicode's "other" categories (Cc, Cf, Cs, Co, Cn), except the whitespace controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks BERT splits character by character.
    static func isChineseCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

/// A BERT WordPiece tokenizer: `BertNormalizer`, `BertPreTokenizer`, then each word split greedily into the longest
/// pieces in the vocabulary (continuations prefixed "##"; a word with no split, or longer than
/// `maxInputCharactersPerWord`, is the unknown token), framed by [CLS] … [SEP], truncated and padded to a length.
public struct WordPieceTokenizer: Sendable {
    public var normalizer: BertNormalizer
    /// Token → id.
    public let vocabulary: [String: Int]
    public var unknownToken: String
    public var continuationPrefix: String
    public var maxInputCharactersPerWord: Int
    /// Ids of [CLS], [SEP] and [PAD] (from the file's post-processor and padding, else the vocabulary).
    public var classifierID: Int
    public var separatorID: Int
    public var paddingID: Int

    public init(vocabulary: [String: Int], normalizer: BertNormalizer = BertNormalizer(), unknownToken: String = "[UNK]",
                continuationPrefix: String = "##", maxInputCharactersPerWord: Int = 100,
                classifierID: Int? = nil, separatorID: Int? = nil, paddingID: Int? = nil) {
        self.vocabulary = vocabulary
        self.normalizer = normalizer
        self.unknownToken = unknownToken
        self.continuationPrefix = continuationPrefix
        self.maxInputCharactersPerWord = maxInputCharactersPerWord
        self.classifierID = classifierID ?? vocabulary["[CLS]"] ?? 101
        self.separatorID = separatorID ?? vocabulary["[SEP]"] ?? 102
        self.paddingID = paddingID ?? vocabulary["[PAD]"] ?? 0
    }

    /// The ids of `text` without [CLS]/[SEP], truncation or padding.
    public func pieceIDs(_ text: String) -> [Int] {
        let unknown = vocabulary[unknownToken] ?? 0
        var ids: [Int] = []
        for word in BertPreTokenizer.words(normalizer.normalize(text)) {
            let scalars = Array(word.unicodeScalars)
            guard scalars.count <= maxInputCharactersPerWord else {
                ids.append(unknown)
                continue
            }
            var pieces: [Int] = []
            var start = 0
            while start < scalars.count {
                var end = scalars.count
                var found: Int?
                while end > start {
                    var piece = String(String.UnicodeScalarView(scalars[start..<end]))
                    if start > 0 { piece = continuationPrefix + piece }
                    if let id = vocabulary[piece] {
                        found = id
                        break
                    }
                    end -= 1
                }
                guard let found else {
                    pieces = [unknown]
                    break
                }
                pieces.append(found)
                start = end
            }
            ids += pieces
        }
        return ids
    }

    /// `text` as the model reads it: [CLS] pieces [SEP], cut to `length` (the pieces are truncated, [SEP] kept) and
    /// padded with [PAD]; the mask is 1 for real tokens, 0 for padding.
    public func encode(_ text: String, length: Int) -> TokenizedText {
        let pieces = pieceIDs(text).prefix(max(0, length - 2))
        let ids = [classifierID] + pieces + [separatorID]
        let real = Array(ids.prefix(length))
        let padding = Array(repeating: paddingID, count: max(0, length - real.count))
        return TokenizedText(ids: real + padding,
                             attentionMask: Array(repeating: 1, count: real.count) + Array(repeating: 0, count: padding.count))
    }
}

/// One tokenized sequence of a fixed length.
public struct TokenizedText: Sendable, Equatable {
    public var ids: [Int]
    /// 1 for a real token, 0 for padding.
    public var attentionMask: [Int]
    /// Single sentences have token type 0 throughout.
    public var typeIDs: [Int] { Array(repeating: 0, count: ids.count) }
}

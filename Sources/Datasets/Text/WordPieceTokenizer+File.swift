import Foundation

extension WordPieceTokenizer {
    /// Reads a Hugging Face `tokenizer.json` of a BERT model (BertNormalizer, BertPreTokenizer, WordPiece, the
    /// [CLS]/[SEP] template), as sentence-transformers ships it. Anything else — another model type, a missing
    /// vocabulary — is an error naming the file and the JSON path, never a silently different tokenizer.
    public static func load(contentsOf url: URL) throws -> WordPieceTokenizer {
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetError.unreadable(file: file, reason: error.localizedDescription)
        }
        return try decode(data, file: file)
    }

    public static func decode(_ data: Data, file: String) throws -> WordPieceTokenizer {
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw DatasetError.badField(file: file, path: "$", expected: "a JSON object", found: "another JSON value")
            }
            root = object
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError.badField(file: file, path: "$", expected: "JSON", found: "\(error.localizedDescription)")
        }
        let reader = TokenizerJSON(file: file)
        let model = try reader.object(root, "model")
        let modelType = try reader.string(model, "type", at: "model")
        guard modelType == "WordPiece" else {
            throw DatasetError.badField(file: file, path: "model.type", expected: "\"WordPiece\" (a BERT tokenizer)",
                                        found: "\"\(modelType)\"")
        }
        let vocabularyObject = try reader.object(model, "vocab", at: "model")
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(vocabularyObject.count)
        for (token, value) in vocabularyObject {
            guard let id = value as? Int, id >= 0 else {
                throw DatasetError.badField(file: file, path: "model.vocab[\"\(token)\"]", expected: "a token id (whole number ≥ 0)",
                                            found: "\(value)")
            }
            vocabulary[token] = id
        }
        var normalizer = BertNormalizer()
        if let normalizerObject = root["normalizer"] as? [String: Any] {
            let type = try reader.string(normalizerObject, "type", at: "normalizer")
            guard type == "BertNormalizer" else {
                throw DatasetError.badField(file: file, path: "normalizer.type", expected: "\"BertNormalizer\"",
                                            found: "\"\(type)\"")
            }
            normalizer = BertNormalizer(
                cleanText: normalizerObject["clean_text"] as? Bool ?? true,
                handleChineseCharacters: normalizerObject["handle_chinese_chars"] as? Bool ?? true,
                stripAccents: normalizerObject["strip_accents"] as? Bool,
                lowercase: normalizerObject["lowercase"] as? Bool ?? true)
        }
        let special = (root["post_processor"] as? [String: Any])?["special_tokens"] as? [String: Any]
        func specialID(_ token: String) -> Int? {
            ((special?[token] as? [String: Any])?["ids"] as? [Int])?.first ?? vocabulary[token]
        }
        let padding = root["padding"] as? [String: Any]
        return WordPieceTokenizer(
            vocabulary: vocabulary, normalizer: normalizer,
            unknownToken: model["unk_token"] as? String ?? "[UNK]",
            continuationPrefix: model["continuing_subword_prefix"] as? String ?? "##",
            maxInputCharactersPerWord: model["max_input_chars_per_word"] as? Int ?? 100,
            classifierID: specialID("[CLS]"), separatorID: specialID("[SEP]"),
            paddingID: padding?["pad_id"] as? Int ?? vocabulary["[PAD]"])
    }
}

/// Typed member access into a decoded tokenizer.json, with the JSON path in every error.
private struct TokenizerJSON {
    let file: String

    func object(_ parent: [String: Any], _ key: String, at path: String? = nil) throws -> [String: Any] {
        guard let value = parent[key] else { throw missing(key, at: path, expected: "an object") }
        guard let object = value as? [String: Any] else {
            throw DatasetError.badField(file: file, path: join(path, key), expected: "an object", found: "\(type(of: value))")
        }
        return object
    }

    func string(_ parent: [String: Any], _ key: String, at path: String? = nil) throws -> String {
        guard let value = parent[key] else { throw missing(key, at: path, expected: "text") }
        guard let text = value as? String else {
            throw DatasetError.badField(file: file, path: join(path, key), expected: "text", found: "\(value)")
        }
        return text
    }

    private func missing(_ key: String, at path: String?, expected: String) -> DatasetError {
        .badField(file: file, path: join(path, key), expected: expected, found: "no such member")
    }

    private func join(_ path: String?, _ key: String) -> String { path.map { $0 + "." + key } ?? key }
}

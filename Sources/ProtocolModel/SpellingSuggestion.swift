/// Finds the allowed word a user most likely meant, for "did you mean …?" hints.
///
/// Tries, in order: a match ignoring case and `_`/`-`/spaces (so `batch_size` → `batchSize`),
/// then one word being a prefix of the other (`training` → `train`), then the smallest edit distance (Damerau–Levenshtein, so swapped letters count once) within
/// a tolerance that grows with the word's length. `aliases` maps other likely spellings to the
/// real word — e.g. `learningRate` → `lr`, because the JSON key differs from the Swift name.
public enum SpellingSuggestion {
    public static func closest(to input: String, among candidates: [String], aliases: [String: String] = [:]) -> String? {
        let normalizedInput = normalized(input)
        guard !normalizedInput.isEmpty else { return nil }
        var spellings: [(spelling: String, target: String)] = candidates.map { ($0, $0) }
        for (alias, target) in aliases.sorted(by: { $0.key < $1.key }) where candidates.contains(target) {
            spellings.append((alias, target))
        }
        if let exact = spellings.first(where: { normalized($0.spelling) == normalizedInput }) {
            return exact.target
        }
        if normalizedInput.count >= 3, let prefixed = spellings.first(where: { entry in
            let spelling = normalized(entry.spelling)
            return spelling.count >= 3 && (normalizedInput.hasPrefix(spelling) || spelling.hasPrefix(normalizedInput))
        }) {
            return prefixed.target  // "training" → "train", "infer" → "inference"
        }
        let tolerance = max(1, min(3, normalizedInput.count / 3))
        var best: (distance: Int, target: String)?
        for entry in spellings {
            let distance = editDistance(normalizedInput, normalized(entry.spelling))
            if distance <= tolerance, distance < (best?.distance ?? Int.max) {
                best = (distance, entry.target)
            }
        }
        return best?.target
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and
    /// adjacent transpositions each cost 1.
    public static func editDistance(_ first: String, _ second: String) -> Int {
        let left = Array(first), right = Array(second)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var table = Array(repeating: Array(repeating: 0, count: right.count + 1), count: left.count + 1)
        for row in 0...left.count { table[row][0] = row }
        for column in 0...right.count { table[0][column] = column }
        for row in 1...left.count {
            for column in 1...right.count {
                let cost = left[row - 1] == right[column - 1] ? 0 : 1
                var value = min(table[row - 1][column] + 1, table[row][column - 1] + 1, table[row - 1][column - 1] + cost)
                if row > 1, column > 1, left[row - 1] == right[column - 2], left[row - 2] == right[column - 1] {
                    value = min(value, table[row - 2][column - 2] + 1)
                }
                table[row][column] = value
            }
        }
        return table[left.count][right.count]
    }

    private static func normalized(_ word: String) -> String {
        String(word.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
}

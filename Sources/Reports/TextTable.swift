import Foundation

/// A plain-text grid with padded columns, shared by the terminal renderers.
///
/// Alignment is computed on visible characters only, so ANSI colour codes added around a cell
/// do not shift the columns.
struct TextTable {
    enum Alignment { case left, right }

    struct Column {
        var title: String
        var alignment: Alignment
    }

    /// A cell's text plus an optional ANSI style applied after padding.
    struct Cell {
        var text: String
        var style: String?

        init(_ text: String, style: String? = nil) {
            self.text = text
            self.style = style
        }
    }

    var columns: [Column]
    var rows: [[Cell]] = []

    init(columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ cells: [Cell]) {
        rows.append(cells)
    }

    /// Renders header, a rule (unless `rule` is false: the compact headline) and the rows; every line has the same
    /// display width.
    func render(colour: Bool, separator: String = "  ", rule: Bool = true) -> String {
        var widths = columns.map { $0.title.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = Swift.max(widths[index], cell.text.count)
            }
        }
        func pad(_ text: String, _ index: Int) -> String {
            let padding = String(repeating: " ", count: widths[index] - text.count)
            return columns[index].alignment == .left ? text + padding : padding + text
        }
        let bold = colour ? "\u{1B}[1m" : ""
        let reset = colour ? "\u{1B}[0m" : ""
        var lines: [String] = []
        lines.append(columns.indices.map { bold + pad(columns[$0].title, $0) + reset }.joined(separator: separator))
        if rule { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: separator)) }
        for row in rows {
            let cells = columns.indices.map { index -> String in
                let cell = index < row.count ? row[index] : Cell("")
                let padded = pad(cell.text, index)
                guard colour, let style = cell.style else { return padded }
                return style + padded + reset
            }
            lines.append(cells.joined(separator: separator))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// ANSI styles used by the terminal renderers.
enum TerminalStyle {
    static let red = "\u{1B}[31m"
    static let yellow = "\u{1B}[33m"
    static let green = "\u{1B}[32m"
    static let dim = "\u{1B}[2m"
}

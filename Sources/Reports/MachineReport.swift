import Foundation

/// `dlbench report --machines`: `MachineTable` for people (a terminal table) and for pull requests (markdown).
public enum MachineReport {
    static func cellText(_ cell: MachineTable.Cell, unit: String, isReference: Bool) -> String {
        guard let estimate = cell.estimate else { return "-" }
        let scale = QuantityScale.choose(unit: unit, magnitude: estimate)
        var text = scale.format(estimate) + " " + scale.unit
        if isReference { return text + " (reference)" }
        if let speedup = cell.speedup {
            text += " · " + StatisticFormatting.factor(speedup)
            if let interval = cell.speedupInterval { text += String(format: " [%.2f–%.2f]", interval.lower, interval.upper) }
        }
        return text
    }

    public static func table(_ machines: MachineTable, colour: Bool = false) -> String {
        guard machines.machines.count > 1 else {
            return "only one machine in these runs (\(machines.machines.first?.label ?? "none")): select runs from several "
                + "machines with --run, --group or a merged database\n"
        }
        var table = TextTable(columns: [.init(title: "task · engine · batch", alignment: .left),
                                        .init(title: "metric", alignment: .left)]
            + machines.machines.map { .init(title: $0.label, alignment: .right) })
        for line in machines.lines {
            table.append([.init(line.label), .init(line.metric)] + line.cells.enumerated().map { index, cell in
                .init(cellText(cell, unit: line.unit, isReference: index == 0))
            })
        }
        return "machines side by side (trial-level estimates; speedup over \(machines.machines[0].label), 95% CI):\n"
            + table.render(colour: colour)
    }

    public static func markdown(_ machines: MachineTable) -> String {
        var lines = ["Machines side by side (speedup over `\(machines.machines.first?.label ?? "-")`, 95% CI over trials):", "",
                     MarkdownReport.row(["task · engine · batch", "metric"] + machines.machines.map(\.label)),
                     MarkdownReport.rule(["l", "l"] + machines.machines.map { _ in "r" })]
        lines += machines.lines.map { line in
            MarkdownReport.row([line.label, line.metric] + line.cells.enumerated().map { index, cell in
                cellText(cell, unit: line.unit, isReference: index == 0)
            })
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

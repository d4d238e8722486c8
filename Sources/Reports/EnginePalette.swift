import Foundation

/// The one meaning of colour on the HTML page: the engine. Every chart takes its colours from one palette built
/// over all the page's engines, so eager is the same blue in the speedup chart and in every task's chart.
///
/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), yellow last because it is faint on
/// white; engines beyond the palette repeat it, which is why every bar also carries the engine's name.
struct EnginePalette: Equatable {
    static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"]
    /// Colour of an engine the palette was not built with.
    static let unknown = "#999999"

    /// Engines in first-seen order; the index picks the colour.
    private(set) var engines: [String]

    init(engines: [String]) {
        var unique: [String] = []
        for engine in engines where !unique.contains(engine) { unique.append(engine) }
        self.engines = unique
    }

    func colour(for engine: String) -> String {
        guard let index = engines.firstIndex(of: engine) else { return EnginePalette.unknown }
        return EnginePalette.colours[index % EnginePalette.colours.count]
    }
}

import Foundation

/// A learnable stand-in for MNIST that needs no download: 28×28 grey images of the digits 0–9 drawn from a
/// stroke font, each with its own random affine distortion (scale, aspect, rotation, shear, shift), jittered
/// control points, stroke width and ink, plus Gaussian pixel noise. Classes differ in shape, not in a pixel
/// statistic, so a CNN must learn strokes; deterministic from the seed on every platform. Pixels lie in [0, 1]
/// (shape [1, 28, 28], the NCHW a CNN takes); labels are uniform over the 10 classes.
public enum SyntheticDigits {
    public static let side = 28
    public static let classes = 10

    /// Strokes of each digit as polylines in a unit box (x right, y down).
    static let strokes: [[[(Double, Double)]]] = [
        [[(0.5, 0), (0.88, 0.18), (0.92, 0.8), (0.5, 1), (0.1, 0.8), (0.12, 0.2), (0.5, 0)]],
        [[(0.3, 0.2), (0.58, 0), (0.58, 1)], [(0.3, 1), (0.85, 1)]],
        [[(0.1, 0.22), (0.5, 0), (0.9, 0.22), (0.88, 0.42), (0.1, 1), (0.92, 1)]],
        [[(0.1, 0.05), (0.9, 0.05), (0.48, 0.45), (0.9, 0.7), (0.55, 1), (0.1, 0.88)]],
        [[(0.7, 1), (0.7, 0), (0.08, 0.66), (0.92, 0.66)]],
        [[(0.9, 0), (0.18, 0), (0.12, 0.45), (0.6, 0.38), (0.92, 0.68), (0.55, 1), (0.1, 0.9)]],
        [[(0.8, 0), (0.25, 0.38), (0.1, 0.75), (0.5, 1), (0.9, 0.75), (0.55, 0.5), (0.15, 0.65)]],
        [[(0.08, 0), (0.92, 0), (0.4, 1)], [(0.35, 0.52), (0.78, 0.52)]],
        [[(0.5, 0), (0.85, 0.22), (0.5, 0.47), (0.15, 0.22), (0.5, 0)],
         [(0.5, 0.47), (0.9, 0.74), (0.5, 1), (0.1, 0.74), (0.5, 0.47)]],
        [[(0.88, 0.3), (0.5, 0.55), (0.12, 0.32), (0.5, 0), (0.88, 0.3), (0.62, 1)]],
    ]

    public static func make(name: String, trainSamples: Int, testSamples: Int, noise: Double = 0.2,
                            seed: UInt64) -> LabeledDataset {
        var generator = DataGenerator(seed: seed)
        let train = split(trainSamples, noise: noise, generator: &generator)
        let test = split(testSamples, noise: noise, generator: &generator)
        return LabeledDataset(name: name, train: train, test: test)
    }

    static func split(_ count: Int, noise: Double, generator: inout DataGenerator) -> LabeledSplit {
        let pixels = side * side
        var features = [Float](repeating: 0, count: count * pixels)
        var labels = [Int](repeating: 0, count: count)
        features.withUnsafeMutableBufferPointer { features in
            for example in 0..<count {
                let label = Int(generator.next() % UInt64(classes))
                labels[example] = label
                let image = UnsafeMutableBufferPointer(rebasing: features[(example * pixels)..<((example + 1) * pixels)])
                draw(label, into: image, noise: noise, generator: &generator)
            }
        }
        return LabeledSplit(exampleShape: [1, side, side], features: features, labels: labels, classes: classes)
    }

    /// Rasterises one distorted digit: ink falls off linearly with the distance to the nearest stroke.
    static func draw(_ digit: Int, into image: UnsafeMutableBufferPointer<Float>, noise: Double,
                     generator: inout DataGenerator) {
        func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * generator.nextUniform() }
        let height = uniform(15, 21), width = height * uniform(0.55, 0.8)
        let angle = uniform(-0.25, 0.25), shear = uniform(-0.25, 0.25)
        let centreX = 14 + uniform(-2, 2), centreY = 14 + uniform(-2, 2)
        let halfWidth = uniform(0.7, 1.5), ink = uniform(0.7, 1.0)
        let (cosine, sine) = (cos(angle), sin(angle))
        var segments: [(Double, Double, Double, Double)] = []
        for polyline in strokes[digit] {
            let points = polyline.map { point -> (Double, Double) in
                let x = (point.0 + uniform(-0.05, 0.05) - 0.5) * width, y = (point.1 + uniform(-0.04, 0.04) - 0.5) * height
                let sheared = x + shear * y
                return (centreX + cosine * sheared - sine * y, centreY + sine * sheared + cosine * y)
            }
            for index in 1..<points.count {
                segments.append((points[index - 1].0, points[index - 1].1, points[index].0, points[index].1))
            }
        }
        for row in 0..<side {
            for column in 0..<side {
                let (px, py) = (Double(column) + 0.5, Double(row) + 0.5)
                var nearest = Double.infinity
                for (x0, y0, x1, y1) in segments {
                    let (dx, dy) = (x1 - x0, y1 - y0)
                    let lengthSquared = dx * dx + dy * dy
                    let t = lengthSquared > 0 ? min(max(((px - x0) * dx + (py - y0) * dy) / lengthSquared, 0), 1) : 0
                    let (ex, ey) = (px - x0 - t * dx, py - y0 - t * dy)
                    nearest = min(nearest, ex * ex + ey * ey)
                }
                let coverage = min(max(halfWidth + 0.5 - nearest.squareRoot(), 0), 1) * ink
                let value = coverage + noise * generator.nextNormal()
                image[row * side + column] = Float(min(max(value, 0), 1))
            }
        }
    }
}

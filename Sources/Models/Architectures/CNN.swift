import TensorCore

/// LeNet-style convolutional classifier on NCHW images: for each (channels, kernel) a Conv2D with "same"
/// padding (kernel / 2, so odd kernels keep H×W) → ReLU → MaxPool2D(pool), then Flatten → Linear to the classes.
///
/// With PEERS W3 (`inputShape: [1, 28, 28], convolutions: [(8, 3), (16, 3)], pool: 2, classes: 10`):
/// 1×28×28 → conv 8×28×28 → pool 8×14×14 → conv 16×14×14 → pool 16×7×7 → flatten 784 → linear 10
/// (PyTorch: `Conv2d(1, 8, 3, padding=1)`, `MaxPool2d(2)`, …). Pass `padding: 0` for PyTorch's default
/// unpadded convolutions (28 → 26 → 13 → 11 → 5, flatten 400).
public enum CNN {
    public static func make(inputShape: [Int], convolutions: [(channels: Int, kernel: Int)], pool: Int = 2,
                            classes: Int, padding: Int? = nil, seed: UInt64) throws -> Sequential {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw TensorError.invalidAttribute(op: "CNN.make", shapes: [Shape(inputShape)], reason: "input shape must be [C, H, W]")
        }
        var generator = SeededGenerator(seed: seed)
        var layers: [any Layer] = []
        var (channels, height, width) = (inputShape[0], inputShape[1], inputShape[2])
        for (index, convolution) in convolutions.enumerated() {
            let pad = padding ?? convolution.kernel / 2
            height = height + 2 * pad - convolution.kernel + 1
            width = width + 2 * pad - convolution.kernel + 1
            guard height >= pool, width >= pool, height > 0, width > 0 else {
                throw TensorError.invalidAttribute(
                    op: "CNN.make", shapes: [Shape(inputShape)],
                    reason: "convolution \(index) (kernel \(convolution.kernel)) and pool \(pool) leave no spatial extent")
            }
            layers.append(Conv2D(inputs: channels, outputs: convolution.channels, kernel: convolution.kernel, padding: pad,
                                 name: "features.\(index).conv", generator: &generator))
            layers.append(Lambda { try $0.relu() })
            if pool > 1 {
                layers.append(MaxPool2D(kernel: pool))
                height /= pool
                width /= pool
            }
            channels = convolution.channels
        }
        layers.append(Flatten())
        layers.append(Linear(inputs: channels * height * width, outputs: classes, name: "classifier", generator: &generator))
        return Sequential(layers)
    }
}

/// A named model definition that tasks refer to by name.
public struct ModelSpec: Sendable, Equatable, Hashable {
    public var name: String
    public var architecture: ModelArchitecture

    public init(name: String, architecture: ModelArchitecture) {
        self.name = name
        self.architecture = architecture
    }
}

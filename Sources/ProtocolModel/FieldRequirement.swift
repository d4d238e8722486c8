/// Whether an object key must be present, and what absence means.
enum FieldRequirement<Value> {
    /// Absence is an error.
    case required
    /// Absence yields `nil` without an error.
    case optional
    /// Absence yields this value.
    case defaulted(Value)
}

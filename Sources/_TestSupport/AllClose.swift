import XCTest

/// The one numeric comparison the tests use: |a − b| ≤ absolute + relative·|b| element by element, as NumPy's allclose.
public func isAllClose(_ actual: [Float], _ expected: [Float], relative: Float = 1e-5, absolute: Float = 1e-6) -> Bool {
    guard actual.count == expected.count else { return false }
    for (a, b) in zip(actual, expected) {
        if a.isNaN || b.isNaN { return false }
        if Swift.abs(a - b) > absolute + relative * Swift.abs(b) { return false }
    }
    return true
}

/// Asserts `isAllClose` and on failure reports the worst element, its index and both values.
public func assertAllClose(_ actual: [Float], _ expected: [Float], relative: Float = 1e-5, absolute: Float = 1e-6,
                           _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        XCTFail("count \(actual.count) ≠ \(expected.count) \(message())", file: file, line: line)
        return
    }
    guard !isAllClose(actual, expected, relative: relative, absolute: absolute) else { return }
    var worst = 0
    var worstExcess: Float = -.infinity
    for index in actual.indices {
        let excess = Swift.abs(actual[index] - expected[index]) - (absolute + relative * Swift.abs(expected[index]))
        if excess > worstExcess || actual[index].isNaN { worstExcess = excess; worst = index }
    }
    XCTFail("not all close (rtol \(relative), atol \(absolute)): index \(worst): \(actual[worst]) vs \(expected[worst]) "
            + message(), file: file, line: line)
}

public func assertAllClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 1e-12,
                           _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
    if Swift.abs(actual - expected) > absolute + relative * Swift.abs(expected) || actual.isNaN {
        XCTFail("\(actual) is not close to \(expected) (rtol \(relative), atol \(absolute)) \(message())", file: file, line: line)
    }
}

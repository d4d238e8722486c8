import Foundation
import ProtocolModel
import ResultStore
@testable import Runner
import XCTest

/// Every reference worker (Workers/python) computes what dlbench eager computes, from the same weights and batches:
/// each model family trains within `agreement.tolerance` of eager's first losses, and each inference answers with
/// logits within it. These run the real frameworks, installed by scripts/install-python-workers.sh; under CI, which
/// installs them, a missing framework fails instead of skipping.
final class FrameworkAgreementTests: RunnerTestCase {
    /// One framework's engines and what its worker is expected to run (every other case must be skipped, not fail).
    struct Framework {
        var name: String
        /// Python statement that fails when the framework is missing, run by `interpreter`.
        var probe: String
        var interpreter = "python3"
        var engines: [(name: String, options: String)]
        var module: String
        var trains: Set<String> = ["mlp", "cnn", "transformer", "lstm"]
        var infers: Set<String> = ["mlp", "cnn", "transformer", "lstm"]
    }

    /// bert: a small random BERT (HF BertModel layout); only the workers that implement it train and infer it.
    static let families = ["mlp", "cnn", "transformer", "lstm", "bert"]

    static func protocolText(_ framework: Framework) -> String {
        let environment = #"{ "PYTHONPATH": \#(ExternalEngineTests.quoted(ExternalEngineTests.repositoryRoot.appendingPathComponent("Workers/python").path)) }"#
        let interpreter = framework.interpreter.hasPrefix("/") ? framework.interpreter
            : (framework.interpreter.contains("/")
                ? ExternalEngineTests.repositoryRoot.appendingPathComponent(framework.interpreter).path : framework.interpreter)
        let engines = [#"{ "name": "eager", "kind": "eager" }"#] + framework.engines.map { engine in
            let worker = ExternalEngineTests.quoted("'\(interpreter)' -m \(framework.module)")
            return #"{ "name": "\#(engine.name)", "kind": "external", "worker": \#(worker), "options": \#(engine.options), "environment": \#(environment) }"#
        }
        let trains = families.map { family in
            #"{ "name": "\#(family)-train", "kind": "train", "model": "\#(family)", "dataset": "\#(dataset(family))", "batchSize": 8, "steps": 3, "optimizer": \#(["transformer", "lstm", "bert"].contains(family) ? #"{ "kind": "adam", "lr": 0.003 }"# : #"{ "kind": "sgd", "lr": 0.05, "momentum": 0.9 }"#) }"#
        }
        let infers = families.map { family in
            #"{ "name": "\#(family)-infer", "kind": "infer", "model": "\#(family)", "dataset": "\#(dataset(family))", "batchSizes": [3], "iterations": 5 }"#
        }
        return """
        {
          "name": "framework-agreement", "seed": 11,
          "machines": [{ "name": "cpu", "threads": 1 }],
          "datasets": [
            { "name": "clusters", "kind": "gaussian-clusters", "features": 12, "classes": 3, "trainSamples": 64, "testSamples": 16 },
            { "name": "digits", "kind": "synthetic-digits", "trainSamples": 64, "testSamples": 16 },
            { "name": "text", "kind": "synthetic-text", "trainSamples": 64, "testSamples": 16, "vocabulary": 20, "sequenceLength": 6, "classes": 4 }
          ],
          "models": [
            { "name": "mlp", "kind": "mlp", "hidden": [8, 8], "activation": "gelu" },
            { "name": "cnn", "kind": "cnn", "convolutions": [{ "channels": 3, "kernel": 3 }, { "channels": 4, "kernel": 3 }], "pool": 2 },
            { "name": "transformer", "kind": "transformer", "modelWidth": 8, "heads": 2, "layers": 1, "feedForwardWidth": 16 },
            { "name": "lstm", "kind": "lstm", "embeddingWidth": 4, "hiddenWidth": 6 },
            { "name": "bert", "kind": "bert", "hiddenWidth": 8, "layers": 2, "heads": 2, "intermediateWidth": 16, "maxPositions": 8 }
          ],
          "engines": [\(engines.joined(separator: ",\n"))],
          "tasks": [\((trains + infers).joined(separator: ",\n"))],
          "metrics": ["step_time", "latency", "deviation_from_eager"],
          "agreement": { "steps": 3, "tolerance": 0.001 },
          "repetition": { "warmupSteps": 1, "trials": 1, "caseTimeoutSeconds": 240 }
        }
        """
    }

    static func dataset(_ family: String) -> String {
        ["mlp": "clusters", "cnn": "digits"][family] ?? "text"
    }

    /// Skips (with the install hint) where the framework is missing; under CI, which installs every framework, fails.
    static func requireInstalled(_ framework: Framework) throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let interpreter = framework.interpreter.contains("/") && !framework.interpreter.hasPrefix("/")
            ? ExternalEngineTests.repositoryRoot.appendingPathComponent(framework.interpreter).path : framework.interpreter
        probe.arguments = [interpreter, "-c", framework.probe]
        probe.standardError = FileHandle.nullDevice
        probe.standardOutput = FileHandle.nullDevice
        do { try probe.run() } catch {
            try missing(framework, "cannot start \(interpreter): \(error)")
            return
        }
        probe.waitUntilExit()
        if probe.terminationStatus != 0 { try missing(framework, "`\(framework.probe)` failed") }
    }

    private static func missing(_ framework: Framework, _ reason: String) throws {
        let hint = "\(framework.name) not installed (\(reason)): run scripts/install-python-workers.sh"
        if ProcessInfo.processInfo.environment["CI"] != nil {
            struct FrameworkMissingInCI: Error, CustomStringConvertible { var description: String }
            XCTFail("CI installs every framework: \(hint)")
            throw FrameworkMissingInCI(description: hint)
        }
        throw XCTSkip(hint)
    }

    /// Runs the framework's engines on every family, then checks each case: ran and agreed, or skipped as unsupported.
    func assertAgrees(_ framework: Framework, file: StaticString = #filePath, line: UInt = #line) throws {
        try Self.requireInstalled(framework)
        let text = Self.protocolText(framework)
        let benchmark = try ProtocolLoader.decode(text, file: "framework-agreement.json")
        let outcome = try BenchmarkRunner(store: store).run(benchmark, protocolPath: "framework-agreement.json", protocolText: text)
        let cases = try store.caseResults(runID: outcome.runID)
        for engine in framework.engines {
            for family in Self.families {
                for (kind, expected) in [("train", framework.trains), ("infer", framework.infers)] {
                    let ran = cases.filter { $0.engine == engine.name && $0.task == "\(family)-\(kind)" }
                    XCTAssertFalse(ran.isEmpty, "\(engine.name) \(family)-\(kind): no case", file: file, line: line)
                    for result in ran {
                        let label = "\(engine.name) \(family)-\(kind) batch \(result.batchSize ?? 0)"
                        guard expected.contains(family) else {
                            XCTAssertEqual(result.status, .skipped, "\(label): \(result.message ?? "")", file: file, line: line)
                            continue
                        }
                        XCTAssertEqual(result.status, .succeeded, "\(label): \(result.message ?? "")", file: file, line: line)
                        let deviation = result.series.first { $0.metric == "deviation_from_eager" }?.values.first
                        XCTAssertLessThanOrEqual(deviation ?? .infinity, 1e-3, label, file: file, line: line)
                    }
                }
            }
        }
    }
}

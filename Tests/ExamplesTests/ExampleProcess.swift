import Foundation
import Synchronization

/// Lines a child process wrote to one pipe, collected as they arrive.
final class CollectedLines: Sendable {
    private struct State {
        var partial = ""
        var lines: [String] = []
    }

    private let state = Mutex(State())

    /// Adds raw bytes; complete lines become visible.
    func append(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        state.withLock { state in
            state.partial += text
            while let newline = state.partial.firstIndex(of: "\n") {
                state.lines.append(String(state.partial[..<newline]))
                state.partial = String(state.partial[state.partial.index(after: newline)...])
            }
        }
    }

    /// Every complete line so far.
    var all: [String] { state.withLock { $0.lines } }
}

/// An example executable run with pipes for stdin, stdout and stderr; terminated if still running
/// when the test ends, so no process outlives it.
final class ExampleProcess {
    let process = Process()
    let stdout = CollectedLines()
    let stderr = CollectedLines()
    private let input = Pipe()

    /// Starts `name` (built beside the tests) with `environment` added to this process's.
    init(_ name: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: try Self.executable(name))
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let stdout = self.stdout
        let stderr = self.stderr
        output.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        errors.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Types `line` and Enter.
    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes stdin (end of input, as Ctrl-D).
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Waits for the process to exit and returns its status.
    func exitStatus() async throws -> Int32 {
        try await waitFor("the example to exit") { !process.isRunning }
        return process.terminationStatus
    }

    /// The built executable `name`, beside the test bundle in `.build/<configuration>/`.
    static func executable(_ name: String) throws -> String {
        var candidates: [URL] = []
        if let main = Bundle.main.executableURL { candidates.append(main.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            var url = directory
            // The test bundle can sit inside `<name>.xctest/`; climb out of it.
            while url.path.contains(".xctest") { url.deleteLastPathComponent() }
            let path = url.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw ExampleTestFailure(description: "\(name) executable not found near \(candidates)")
    }
}

/// Why an example test gave up.
struct ExampleTestFailure: Error, CustomStringConvertible {
    let description: String
}

/// Polls `condition` until it holds; the time limit only bounds the wait.
func waitFor(_ what: String, seconds: Double = 30, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > deadline { throw ExampleTestFailure(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

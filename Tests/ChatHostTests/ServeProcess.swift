import Foundation
import Synchronization

/// `spacetime-chat serve` as a child process of the tests: started on a port, killed with SIGKILL or
/// stopped with SIGTERM. Every child is also registered so that an `atexit` handler kills any left
/// running when the test process ends, whatever made a test stop early.
final class ServeProcess: Sendable {
    let process: Process
    let port: Int
    /// Where the child's stderr (its log) goes: a file, so a chatty host never blocks on a full pipe.
    let logPath: String

    private init(process: Process, port: Int, logPath: String) {
        self.process = process
        self.port = port
        self.logPath = logPath
    }

    var pid: Int32 { process.processIdentifier }

    /// Each thread of the child with its scheduler state, see ``threadStates(of:)``.
    var threadStates: String { Self.threadStates(of: pid) }

    /// Each thread of process `pid`: name, state (`S` sleeping, `R` runnable), the kernel function it
    /// waits in (`/proc/<pid>/task/*/wchan`), the CPU it last ran on and how long it has waited on a
    /// run queue in all (`schedstat`'s second field, in ms). Tells a thread blocked in the kernel (an
    /// fsync) from an idle one, and a thread woken but never run (`R`, run delay growing) from one
    /// whose wake-up never came (`S` in `futex_wait` or `ep_poll`).
    static func threadStates(of pid: Int32) -> String {
        let tasks = "/proc/\(pid)/task"
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
        func read(_ path: String) -> String {
            ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return ids.sorted().map { id in
            let name = read("\(tasks)/\(id)/comm")
            let wchan = read("\(tasks)/\(id)/wchan")
            // After the name's closing parenthesis: state is field 3, the last CPU field 39.
            let stat = read("\(tasks)/\(id)/stat")
            let fields = stat.split(separator: ")").last.map { $0.split(separator: " ") } ?? []
            let state = fields.first.map(String.init) ?? "?"
            let cpu = fields.count > 36 ? String(fields[36]) : "?"
            let schedstat = read("\(tasks)/\(id)/schedstat").split(separator: " ")
            let runDelay = schedstat.count > 1 ? (Int(schedstat[1]).map { "\($0 / 1_000_000)ms" } ?? "?") : "?"
            return "\(id):\(name)=\(state)/\(wchan)/cpu\(cpu)/wait\(runDelay)"
        }.joined(separator: " ")
    }

    /// The child's log so far (for failure messages).
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Starts a host on `port` (0: any free port) serving `dataDirectory`; returns once it announced
    /// its port. Throws with the child's log if it exits instead (a refused start, a busy port).
    static func start(
        executable: URL, dataDirectory: String, port: Int, extraArguments: [String] = []
    ) async throws -> ServeProcess {
        let child = Process()
        child.executableURL = executable
        child.arguments = ["serve", "--port", "\(port)", "--data-dir", dataDirectory] + extraArguments
        let output = Pipe()
        child.standardOutput = output
        // Inside the data directory (the host ignores it), so removing the directory removes it.
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let logPath = dataDirectory + "/serve-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        child.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try child.run()
        ServeProcessRegistry.shared.add(child.processIdentifier)
        let announced = try await TestSocket.blocking { () -> Int? in
            var collected = ""
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { return nil }
                collected += String(decoding: data, as: UTF8.self)
                if let range = collected.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                    let port = Int(collected[range].split(separator: ":").last ?? "")
                {
                    return port
                }
            }
        }
        let started = ServeProcess(process: child, port: announced ?? port, logPath: logPath)
        guard announced != nil else {
            await started.waitForExit()
            throw ServeProcessError.exited(status: child.terminationStatus, log: started.log)
        }
        return started
    }

    /// `kill -9`, then waits for the child to be gone; nothing if it is gone already (its pid may
    /// belong to another process by now).
    func killNine() async {
        guard process.isRunning else {
            await waitForExit()
            return
        }
        kill(pid, SIGKILL)
        await waitForExit()
    }

    /// SIGTERM (a clean shutdown), then waits; SIGKILL if it does not end within 20 s.
    func stop() async {
        guard process.isRunning else {
            await waitForExit()
            return
        }
        kill(pid, SIGTERM)
        let ended = (try? await TestSocket.blocking { [process] () -> Bool in
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            return !process.isRunning
        }) ?? false
        if !ended { kill(pid, SIGKILL) }
        await waitForExit()
    }

    private func waitForExit() async {
        _ = try? await TestSocket.blocking { [process] in process.waitUntilExit() }
        ServeProcessRegistry.shared.remove(pid)
    }
}

/// Why a `spacetime-chat serve` child did not start.
enum ServeProcessError: Error, CustomStringConvertible {
    case exited(status: Int32, log: String)

    var description: String {
        switch self {
        case .exited(let status, let log): return "spacetime-chat serve exited with \(status): \(log)"
        }
    }
}

/// The pids of running `serve` children; an `atexit` handler SIGKILLs whatever is still there.
final class ServeProcessRegistry: Sendable {
    static let shared = ServeProcessRegistry()
    private let pids = Mutex<Set<Int32>>([])

    private init() {
        atexit {
            for pid in ServeProcessRegistry.shared.pids.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
    }

    func add(_ pid: Int32) { pids.withLock { _ = $0.insert(pid) } }
    func remove(_ pid: Int32) { pids.withLock { _ = $0.remove(pid) } }
}

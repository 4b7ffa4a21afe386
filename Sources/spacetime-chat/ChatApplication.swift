import ChatCore
import ChatTerminal
import Foundation
import Logging
import SpacetimeDB

/// Wires the parts together: logging to a file, the optional local host, credentials, the SDK
/// connection (drained on a background queue), and the terminal session on the main thread.
struct ChatApplication {
    /// Exit codes, so scripts can tell outcomes apart.
    enum ExitCode {
        static let success: Int32 = 0
        static let failure: Int32 = 1
        static let cannotConnect: Int32 = 3
        static let notATerminal: Int32 = 4
        static let connectionLost: Int32 = 5
        static let unsuitableTerminal: Int32 = 6
    }

    let settings: ChatSettings

    /// Runs the chat and returns the process exit code. Every path restores the terminal first and
    /// then prints one line saying why on stderr.
    func run() async -> Int32 {
        // Before anything big is allocated: loading the history must not leave its buffers resident.
        let largeBlocksMapped = AllocatorTuning.keepLargeBlocksMapped()
        let logger = Self.makeLogger(path: settings.logFile)
        if !largeBlocksMapped { logger.info("the allocator's mmap threshold stays as it was (not glibc?)") }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Self.fail("needs an interactive terminal (stdin and stdout must be a tty)")
            return ExitCode.notATerminal
        }
        // Before curses: it would draw a squashed screen on TERM=dumb and exit on an unknown TERM.
        if let refusal = TerminalSuitability.probe(term: ProcessInfo.processInfo.environment["TERM"]).refusal {
            Self.fail(refusal)
            return ExitCode.unsuitableTerminal
        }

        var supervisor: LocalHostSupervisor?
        if settings.local {
            guard let local = LocalHostSupervisor(
                url: settings.host, dataDirectory: settings.dataDirectory, recoverDamagedLog: settings.recoverDamagedLog,
                logger: logger) else {
                Self.fail("--local needs a loopback --host such as http://localhost:3000 (got \(settings.host))")
                return ExitCode.failure
            }
            if let problem = await local.ensureRunning(), !(await LocalHostSupervisor.answersPing(port: local.port)) {
                Self.fail("could not start a local host: \(problem)")
                return ExitCode.cannotConnect
            }
            supervisor = local
        }
        let code = await chat(logger: logger, supervisor: supervisor)
        // The connection is closed by now; a host this process runs stops last.
        await supervisor?.shutdown()
        return code
    }

    /// Connects, runs the terminal session and returns the exit code.
    private func chat(logger: Logger, supervisor: LocalHostSupervisor?) async -> Int32 {
        let credentials = CredentialsFile(settings.database)
        let token: String?
        do {
            token = try credentials.load()
        } catch {
            Self.fail("\(error)")
            return ExitCode.failure
        }

        let inbox: EventInbox<AppEvent>
        let bridge: ChatConnectionBridge
        do {
            inbox = EventInbox(wakePipe: try WakePipe())
            bridge = try ChatConnectionBridge(
                settings: settings, credentials: credentials, token: token, inbox: inbox, logger: logger)
        } catch {
            Self.fail("\(error)")
            return ExitCode.failure
        }
        bridge.run()
        defer { bridge.connection.disconnect() }

        // Wait for the first connection outcome before taking over the screen, so a host that is
        // not there gives a plain error line instead of a flash of curses.
        // Blocks in poll(): on the main thread, never on a Swift-concurrency thread that an
        // in-process host needs.
        let first = await MainActor.run { Self.awaitFirstOutcome(inbox: inbox, timeoutSeconds: 15) }
        let refusal: DbConnectionError??
        switch first.last {
        case .initialConnectFailed(let error)?: refusal = .some(error)
        case .closed(let reason)?: refusal = .some(reason)
        case nil:
            Self.fail("no answer from \(settings.host) within 15 s")
            return ExitCode.cannotConnect
        default: refusal = nil
        }
        if case .some(let error) = refusal {
            let why = error.map { "\($0)" } ?? "the connection closed"
            let hint = settings.local ? "" : ". Start a host with `spacetime-chat serve`, or run with --local."
            let advice = error.flatMap { Self.advice(for: $0, credentials: credentials) } ?? hint
            Self.fail("cannot connect to \(settings.host) (database \(settings.database)): \(why)\(advice)")
            return ExitCode.cannotConnect
        }

        let settings = self.settings
        let localHost = supervisor
        let outcome: Result<TerminalSession.Ending, TerminalLoopError> = await MainActor.run {
            let session = TerminalSession(
                settings: settings, inbox: inbox, bridge: bridge, credentials: credentials, logger: logger,
                makeBridge: { token throws(DbConnectionError) in
                    try ChatConnectionBridge(
                        settings: settings, credentials: credentials, token: token, inbox: inbox, logger: logger)
                },
                onReconnecting: {
                    guard let localHost else { return }
                    Task.detached {
                        if let url = await localHost.takeOverIfNeeded() { inbox.post(.hostingLocally(url)) }
                    }
                })
            session.prime(with: first)
            // A bridge made by /reset-identity is closed here; the first one by the defer above.
            defer { session.bridge.connection.disconnect() }
            do throws(TerminalLoopError) {
                return .success(try session.run())
            } catch {
                return .failure(error)
            }
        }
        logger.info("session ended: \(Self.describe(outcome))")
        switch outcome {
        case .success(.quit), .success(.terminalClosed):
            return ExitCode.success
        case .success(.signal(let signal)):
            switch signal {
            case .terminate: return 128 + SIGTERM
            case .hangup: return 128 + SIGHUP
            case .interrupt: return 128 + SIGINT
            case .windowChanged: return ExitCode.success
            }
        case .success(.connectionClosed(let reason)):
            Self.fail("disconnected: \(reason)")
            return ExitCode.connectionLost
        case .failure(let error):
            Self.fail("\(error)")
            return ExitCode.failure
        }
    }

    /// What to do about a refused connection, when the answer is not "start a host": the host is
    /// there and said no.
    static func advice(for error: DbConnectionError, credentials: CredentialsFile) -> String? {
        switch error.httpStatusCode {
        case 404?:
            return ". That host has no such database; check --db (or SPACETIMEDB_DB_NAME)."
        case 401?:
            let path = (try? credentials.path()) ?? "the credentials file"
            return ". The saved token was refused (was it made by another host?); remove \(path) to get a new identity."
        case nil:
            return nil
        case _?:
            return "."
        }
    }

    /// How the session ended, for the log.
    private static func describe(_ outcome: Result<TerminalSession.Ending, TerminalLoopError>) -> String {
        switch outcome {
        case .success(.quit): return "quit"
        case .success(.terminalClosed): return "the terminal closed"
        case .success(.signal(let signal)): return "signal \(signal)"
        case .success(.connectionClosed(let reason)): return "connection closed: \(reason)"
        case .failure(let error): return "error: \(error)"
        }
    }

    /// Blocks until the SDK reports the first connect or connect error (or the timeout passes),
    /// returning every event that arrived meanwhile.
    private static func awaitFirstOutcome(inbox: EventInbox<AppEvent>, timeoutSeconds: Int) -> [AppEvent] {
        var events: [AppEvent] = []
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        while Date() < deadline {
            var descriptor = pollfd(fd: inbox.wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            _ = poll(&descriptor, 1, remaining)
            inbox.wakePipe.drain()
            for event in inbox.takeAll() {
                events.append(event)
                switch event {
                case .chat(.connected), .initialConnectFailed, .closed:
                    return events
                default:
                    continue
                }
            }
        }
        return events
    }

    /// Prints `spacetime-chat: <reason>` on stderr (the terminal is already restored).
    static func fail(_ reason: String) {
        DescriptorOutput.writeErrorLine("spacetime-chat: \(reason)")
    }

    /// A logger that writes to `path`, or discards everything if the file cannot be opened: the
    /// terminal belongs to curses.
    static func makeLogger(path: String) -> Logger {
        let sink = try? FileLogHandler.Sink(path: path)
        LoggingSystem.bootstrap { label in
            guard let sink else { return SwiftLogNoOpLogHandler() }
            return FileLogHandler(label: label, sink: sink, level: .info)
        }
        return Logger(label: "spacetime-chat")
    }
}

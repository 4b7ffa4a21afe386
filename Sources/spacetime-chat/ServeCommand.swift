import ArgumentParser
import ChatHost
import ChatTerminal
import Foundation
import Logging

/// `spacetime-chat serve`: runs the local quickstart-chat host headless until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the local SpacetimeDB-compatible host for quickstart-chat.")

    @Option(help: "The TCP port to listen on (0 picks a free port).")
    var port: Int = 3000

    @Option(help: "The address to bind. Loopback unless told otherwise.")
    var bind: String = "127.0.0.1"

    @Option(name: .customLong("data-dir"), help: "Where the host keeps its data (default: the XDG data directory).")
    var dataDirectory: String?

    @Option(name: .customLong("tls-cert"), help: "A PEM certificate chain; with --tls-key, serve https/wss.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key for --tls-cert.")
    var tlsKey: String?

    @Flag(help: "If the commit log is damaged, keep a copy of it beside it and start from the intact records before the damage.")
    var recover = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (tlsCertificate == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
    }

    func run() async throws {
        let settings = ChatSettings.resolve(
            host: nil, database: nil, local: true, dataDirectory: dataDirectory, logFile: nil, noColor: true,
            environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        var configuration = ChatHostConfiguration(
            dataDirectory: URL(fileURLWithPath: settings.dataDirectory), port: port, bindAddress: bind,
            tlsCertificatePath: tlsCertificate, tlsKeyPath: tlsKey)
        configuration.recoverDamagedLog = recover
        let host: ChatHost
        do {
            host = try await ChatHost.start(configuration)
        } catch {
            DescriptorOutput.writeErrorLine("spacetime-chat serve: \(error)")
            throw ExitCode(2)
        }
        // Announced on stdout so scripts (and tests) can read the bound port.
        let announcement = "spacetime-chat serve: listening on \(host.url) (database \(host.databaseName))\n"
            + "spacetime-chat serve: data in \(settings.dataDirectory)\n"
        DescriptorOutput.write(announcement, to: STDOUT_FILENO)
        await waitForTerminationSignal()
        await host.shutdown()
    }

    /// Suspends until SIGINT or SIGTERM.
    private func waitForTerminationSignal() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let queue = DispatchQueue(label: "spacetime-chat.serve.signals")
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = ResumeOnce(continuation)
            for number in [SIGINT, SIGTERM] {
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler { resumed.resume() }
                source.resume()
                SignalSources.keep(source)
            }
        }
    }
}

/// Resumes a continuation at most once, whichever signal comes first.
private final class ResumeOnce: @unchecked Sendable {
    // @unchecked: `continuation` is only touched under `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func resume() {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume()
    }
}

/// Keeps signal sources alive for the life of the process.
private enum SignalSources {
    nonisolated(unsafe) static var sources: [any DispatchSourceSignal] = []
    static func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
}

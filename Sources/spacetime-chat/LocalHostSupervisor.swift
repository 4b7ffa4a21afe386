import ChatHost
import Foundation
import Logging
import Synchronization

/// `--local`: makes sure a local host serves the chat's URL, starting one in this process when none
/// answers, and takes over hosting when the process that hosted goes away. The data-directory lock
/// guarantees that only one of the clients on a machine becomes the host.
final class LocalHostSupervisor: Sendable {
    private struct State {
        var host: ChatHost?
        var starting = false
    }
    private let state = Mutex(State())
    let port: Int
    private let dataDirectory: URL
    private let recoverDamagedLog: Bool
    private let logger: Logger

    /// A supervisor for the local host behind `url` (its port; 3000 when the URL names none).
    init?(url: String, dataDirectory: String, recoverDamagedLog: Bool = false, logger: Logger) {
        guard let components = URLComponents(string: url), let hostName = components.host,
            ["localhost", "127.0.0.1", "::1"].contains(hostName)
        else { return nil }
        port = components.port ?? 3000
        self.dataDirectory = URL(fileURLWithPath: dataDirectory)
        self.recoverDamagedLog = recoverDamagedLog
        self.logger = logger
    }

    /// The URL of the host this process runs, if any.
    var hostedURL: String? {
        state.withLock { $0.host?.url }
    }

    /// Starts a host here unless one already answers on the port. Returns a reason when neither works.
    func ensureRunning() async -> String? {
        if await Self.answersPing(port: port) { return nil }
        return await startHere()
    }

    /// Tries to become the host (after the previous one went away); quietly does nothing if another
    /// process holds the data directory or the port.
    func takeOverIfNeeded() async -> String? {
        let busy = state.withLock { $0.starting || $0.host != nil }
        guard !busy else { return nil }
        if await Self.answersPing(port: port) { return nil }
        return await startHere() == nil ? hostedURL : nil
    }

    /// Stops the host this process runs.
    func shutdown() async {
        let running = state.withLock { state in
            defer { state.host = nil }
            return state.host
        }
        await running?.shutdown()
    }

    private func startHere() async -> String? {
        let claimed = state.withLock { state in
            guard !state.starting, state.host == nil else { return false }
            state.starting = true
            return true
        }
        guard claimed else { return nil }
        defer { state.withLock { $0.starting = false } }
        do {
            var configuration = ChatHostConfiguration(dataDirectory: dataDirectory, port: port, logger: logger)
            configuration.recoverDamagedLog = recoverDamagedLog
            let started = try await ChatHost.start(configuration)
            state.withLock { $0.host = started }
            logger.info("hosting quickstart-chat locally at \(started.url), data in \(dataDirectory.path)")
            return nil
        } catch {
            logger.info("not hosting locally: \(error)")
            return "\(error)"
        }
    }

    /// Whether something answers `GET /v1/ping` with 200 on loopback at `port`. A plain blocking
    /// socket with 2-second timeouts: this runs once at start and on takeover only.
    static func answersPing(port: Int) async -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { return false }
        let request = Array("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 12 else { return false }
        let statusLine = String(decoding: buffer[0..<count], as: UTF8.self)
        return statusLine.hasPrefix("HTTP/1.1 200") || statusLine.hasPrefix("HTTP/1.0 200")
    }
}

import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The host's listening TCP socket, and the thread that accepts its connections and hands each
/// connected descriptor to the caller (who gives it to NIO).
///
/// NIO's `ServerBootstrap` keeps an accepted socket's descriptor to itself. The host accepts on its
/// own so that it knows each client's descriptor: a fan-out then writes an update straight to the
/// socket (``ClientSession``), without NIO's per-write machinery, whenever NIO has nothing queued for
/// that client. Everything else about the connection (reading, the HTTP upgrade, slow clients, close)
/// stays NIO's.
final class ListeningSocket: Sendable {
    /// Why the socket could not listen.
    enum Failure: Error, CustomStringConvertible {
        case resolve(String)
        case system(call: String, errno: Int32)

        var description: String {
            switch self {
            case .resolve(let reason): return reason
            case .system(let call, let errno): return "\(call): \(String(cString: strerror(errno)))"
            }
        }
    }

    /// The port bound (the real one when 0 was asked for).
    let port: Int
    private let descriptor: CInt
    private let logger: Logger
    /// Signalled when the accept thread has returned.
    private let finished = DispatchSemaphore(value: 0)
    private let state = NIOLockedValueBox<State>(.idle)

    private enum State {
        case idle
        case accepting
        case stopped
    }

    /// Binds `host:port` (resolved like NIO's `bind(host:port:)`) with `SO_REUSEADDR` and listens.
    init(host: String, port: Int, backlog: Int32, logger: Logger) throws(Failure) {
        let address: SocketAddress
        do {
            address = try SocketAddress.makeAddressResolvingHost(host, port: port)
        } catch {
            throw .resolve("\(error)")
        }
        let descriptor = socket(Int32(address.protocol.rawValue), Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .system(call: "socket", errno: errno) }
        var one: CInt = 1
        let bound: CInt = address.withSockAddr { pointer, size in
            guard setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size)) == 0 else {
                return -1
            }
            return bind(descriptor, pointer, socklen_t(size))
        }
        guard bound == 0, listen(descriptor, backlog) == 0 else {
            let error = Failure.system(call: bound == 0 ? "listen" : "bind", errno: errno)
            close(descriptor)
            throw error
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let error = Failure.system(call: "getsockname", errno: errno)
            close(descriptor)
            throw error
        }
        // sin_port and sin6_port sit at the same offset, in network byte order.
        self.port = withUnsafeBytes(of: &storage) { Int(UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self))) }
        self.descriptor = descriptor
        self.logger = logger
    }

    /// Starts the accept thread: `onAccept` gets each connected descriptor, and owns it from then on.
    func start(onAccept: @escaping @Sendable (CInt) -> Void) {
        let starting = state.withLockedValue { state -> Bool in
            guard case .idle = state else { return false }
            state = .accepting
            return true
        }
        guard starting else { return }
        Thread { [self] in
            CurrentThreadName.set("ChatHost accept")
            acceptLoop(onAccept)
            finished.signal()
        }.start()
    }

    /// Stops accepting and closes the socket; returns once the accept thread is gone, so nothing is
    /// handed over after this returns.
    func stop() {
        let wasAccepting = state.withLockedValue { state -> Bool? in
            switch state {
            case .idle:
                state = .stopped
                return false
            case .accepting:
                state = .stopped
                return true
            case .stopped:
                return nil
            }
        }
        guard let wasAccepting else { return }
        // On Linux, shutting a listening socket down wakes a thread blocked in accept (EINVAL).
        shutdown(descriptor, Int32(SHUT_RDWR))
        if wasAccepting { finished.wait() }
        close(descriptor)
    }

    private func acceptLoop(_ onAccept: @Sendable (CInt) -> Void) {
        while true {
            // Glibc's Swift module has no accept4: close-on-exec is set right after (NIO makes the
            // socket non-blocking itself).
            let connection = accept(descriptor, nil, nil)
            if connection >= 0 {
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                onAccept(connection)
                continue
            }
            let error = errno
            if state.withLockedValue({ if case .stopped = $0 { return true } else { return false } }) { return }
            switch error {
            case EINTR, ECONNABORTED, EPROTO:
                continue
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors or memory: the connection waits in the backlog until some are freed.
                logger.warning("cannot accept a connection", metadata: ["error": "\(Failure.system(call: "accept", errno: error))"])
                usleep(100_000)
            default:
                logger.error("accepting stopped", metadata: ["error": "\(Failure.system(call: "accept", errno: error))"])
                return
            }
        }
    }
}

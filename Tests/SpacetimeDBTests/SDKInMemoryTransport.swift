import Foundation
import Synchronization
@testable import SpacetimeDB

/// An in-memory transport: the test plays the server, delivering frames and closing at will.
final class InMemoryTransport: SpacetimeTransport {
    let request: ConnectRequest
    private let onEvent: @Sendable (TransportEvent) -> Void
    private let sentFrames = Mutex<[[UInt8]]>([])
    private let closedByClient = Mutex(false)

    init(request: ConnectRequest, onEvent: @escaping @Sendable (TransportEvent) -> Void) {
        self.request = request
        self.onEvent = onEvent
    }

    /// Frames the client sent.
    var sent: [[UInt8]] { sentFrames.withLock { $0 } }
    /// Whether the client asked to close.
    var wasClosedByClient: Bool { closedByClient.withLock { $0 } }

    func send(_ message: [UInt8]) { sentFrames.withLock { $0.append(message) } }

    func close() {
        let first = closedByClient.withLock { closed -> Bool in
            defer { closed = true }
            return !closed
        }
        if first { onEvent(.closed(nil)) }
    }

    /// The server accepted the upgrade with `version`.
    func open(_ version: ProtocolVersion) { onEvent(.opened(version)) }
    /// The server sent a frame.
    func deliver(_ frame: [UInt8]) { onEvent(.frame(frame)) }
    /// The socket ended with `error`.
    func drop(_ error: DbConnectionError) { onEvent(.closed(error)) }

    /// The v1 client messages sent so far.
    func sentV1() throws -> [V1.ClientMessage] { try sent.map { try V1.ClientMessage(bsatnBytes: $0) } }
    /// The v2 client messages sent so far.
    func sentV2() throws -> [V2.ClientMessage] { try sent.map { try V2.ClientMessage(bsatnBytes: $0) } }
}

/// Hands out ``InMemoryTransport``s and remembers them.
final class InMemoryConnector: TransportConnector {
    private let transports = Mutex<[InMemoryTransport]>([])

    func connect(_ request: ConnectRequest, onEvent: @escaping @Sendable (TransportEvent) -> Void) -> any SpacetimeTransport {
        let transport = InMemoryTransport(request: request, onEvent: onEvent)
        transports.withLock { $0.append(transport) }
        return transport
    }

    /// Every transport opened so far.
    var all: [InMemoryTransport] { transports.withLock { $0 } }
    /// The latest transport.
    var latest: InMemoryTransport? { all.last }
}

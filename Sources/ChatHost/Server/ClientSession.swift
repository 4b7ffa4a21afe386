import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import SpacetimeDB

/// One connected WebSocket client: who it is, what it negotiated, and its outbound queue.
///
/// The engine calls ``send(_:)`` from its own isolation domain; the frames are built and written on
/// the channel's event loop. Outbound bytes not yet written to the socket are counted: a client that
/// lets more than ``maxPendingBytes`` pile up is disconnected, so a slow reader never holds memory or
/// other clients hostage.
final class ClientSession: Sendable {
    /// A process-unique number for this connection.
    let id: UInt64
    /// The client's identity (from its token).
    let identity: Identity
    /// The connection id (from `?connection_id=` or random).
    let connectionId: ConnectionId
    /// The token the client authenticated with, or the one minted for it.
    let token: String
    /// The negotiated subprotocol.
    let webSocketProtocol: WebSocketProtocol
    /// The compression the client asked for.
    let compression: Compression
    /// v1 `light` mode: reducer updates of other callers arrive as `TransactionUpdateLight`.
    let light: Bool
    /// The outbound byte budget before the client is dropped as too slow.
    let maxPendingBytes: Int

    let channel: any Channel
    private let outbox: NIOLoopBoundBox<Outbox>
    private let logger: Logger

    struct Outbox {
        var queued: [[UInt8]] = []
        var flushScheduled = false
        var pendingBytes = 0
        var closing = false
    }

    init(
        id: UInt64, identity: Identity, connectionId: ConnectionId, token: String, webSocketProtocol: WebSocketProtocol,
        compression: Compression, light: Bool, maxPendingBytes: Int, channel: any Channel, logger: Logger
    ) {
        self.id = id
        self.identity = identity
        self.connectionId = connectionId
        self.token = token
        self.webSocketProtocol = webSocketProtocol
        self.compression = compression
        self.light = light
        self.maxPendingBytes = maxPendingBytes
        self.channel = channel
        self.outbox = NIOLoopBoundBox(Outbox(), eventLoop: channel.eventLoop)
        self.logger = logger
    }

    /// Queues BSATN-encoded server messages (no envelope) for this client, in order.
    func send(_ payloads: [[UInt8]]) {
        guard !payloads.isEmpty else { return }
        channel.eventLoop.execute { [self] in
            guard !outbox.value.closing else { return }
            outbox.value.queued.append(contentsOf: payloads)
            if !outbox.value.flushScheduled {
                outbox.value.flushScheduled = true
                // Flush after the current batch of tasks so that messages queued together share frames (v3)
                // and one syscall.
                channel.eventLoop.execute { [self] in flush() }
            }
        }
    }

    /// Sends a close frame with `code` and `reason`, then closes the connection.
    func close(code: WebSocketErrorCode, reason: String) {
        channel.eventLoop.execute { [self] in
            guard !outbox.value.closing else { return }
            // Messages queued before the close still go out first, in order.
            if !outbox.value.queued.isEmpty { flush() }
            outbox.value.closing = true
            var buffer = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
            buffer.write(webSocketErrorCode: code)
            // A close reason is limited to 123 bytes by RFC 6455.
            buffer.writeBytes(Array(reason.utf8.prefix(123)))
            let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: buffer)
            channel.writeAndFlush(frame).whenComplete { [channel] _ in
                channel.close(promise: nil)
            }
        }
    }

    private func flush() {
        outbox.value.flushScheduled = false
        let messages = outbox.value.queued
        outbox.value.queued.removeAll(keepingCapacity: true)
        guard !messages.isEmpty, !outbox.value.closing else { return }
        var frames: [[UInt8]] = []
        switch webSocketProtocol {
        case .v1, .v2:
            frames = messages.map { ServerFrameCodec.encode(payload: $0, requested: compression) }
        case .v3:
            var batch: [UInt8] = []
            for message in messages {
                if !batch.isEmpty && batch.count + message.count > V3.maxUncompressedPayloadSize {
                    frames.append(ServerFrameCodec.encode(payload: batch, requested: compression))
                    batch.removeAll(keepingCapacity: true)
                }
                batch.append(contentsOf: message)
            }
            if !batch.isEmpty { frames.append(ServerFrameCodec.encode(payload: batch, requested: compression)) }
        }
        for bytes in frames {
            let size = bytes.count
            outbox.value.pendingBytes += size
            var buffer = channel.allocator.buffer(capacity: size)
            buffer.writeBytes(bytes)
            let promise = channel.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { [self] _ in outbox.value.pendingBytes -= size }
            channel.write(WebSocketFrame(fin: true, opcode: .binary, data: buffer), promise: promise)
        }
        channel.flush()
        if outbox.value.pendingBytes > maxPendingBytes {
            logger.warning(
                "client too slow: dropping it",
                metadata: ["identity": "\(identity.hexString)", "pending_bytes": "\(outbox.value.pendingBytes)"])
            outbox.value.closing = true
            channel.close(promise: nil)
        }
    }
}

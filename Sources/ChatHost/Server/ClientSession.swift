import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import SpacetimeDB

/// One connected WebSocket client: who it is, what it negotiated, and its outbound queue.
///
/// The engine calls ``send(_:)`` from its own isolation domain; the frames are built and written on
/// the channel's event loop. Every byte queued for the client counts against ``maxPendingBytes``
/// until the socket takes it: data frames, pongs, pings, close frames, plus a fixed cost per queued
/// frame for the bookkeeping a pending write holds. A client that lets more pile up is disconnected,
/// so neither a slow reader nor a ping flood holds memory or other clients hostage.
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
    /// How long a close frame may wait to be written before the connection is cut anyway.
    let closeTimeout: TimeAmount

    /// What a queued frame costs beyond its bytes: the buffer, promise and list node of a pending write.
    static let queuedFrameOverhead = 256

    let channel: any Channel
    private let outbox: NIOLoopBoundBox<Outbox>
    private let logger: Logger

    struct Outbox {
        var queued: [OutboundMessage] = []
        var flushScheduled = false
        var pendingBytes = 0
        var closing = false
        /// The WebSocket encoder's context, where ``flush()`` writes already-framed data.
        var frameWriter: ChannelHandlerContext?
    }

    init(
        id: UInt64, identity: Identity, connectionId: ConnectionId, token: String, webSocketProtocol: WebSocketProtocol,
        compression: Compression, light: Bool, maxPendingBytes: Int, closeTimeout: TimeAmount = .seconds(5),
        channel: any Channel, logger: Logger
    ) {
        self.id = id
        self.identity = identity
        self.connectionId = connectionId
        self.token = token
        self.webSocketProtocol = webSocketProtocol
        self.compression = compression
        self.light = light
        self.maxPendingBytes = maxPendingBytes
        self.closeTimeout = closeTimeout
        self.channel = channel
        self.outbox = NIOLoopBoundBox(Outbox(), eventLoop: channel.eventLoop)
        self.logger = logger
    }

    /// Queues BSATN-encoded server messages (no envelope) for this client, in order.
    func send(_ payloads: [[UInt8]]) {
        guard !payloads.isEmpty else { return }
        channel.eventLoop.execute { [self] in
            for payload in payloads { enqueue(OutboundMessage(bytes: payload)) }
        }
    }

    /// Queues one message for this client. Call on the channel's event loop; messages queued from
    /// the engine through ``send(_:)`` and through a ``DeliveryBatch`` keep the order they were queued in.
    func enqueue(_ message: OutboundMessage) {
        channel.eventLoop.preconditionInEventLoop()
        guard !outbox.value.closing else { return }
        outbox.value.queued.append(message)
        if !outbox.value.flushScheduled {
            outbox.value.flushScheduled = true
            // Flush after the current batch of tasks so that messages queued together share frames (v3)
            // and one syscall.
            channel.eventLoop.execute { [self] in flush() }
        }
    }

    /// Queues one message for a ``DeliveryBatch``, which flushes it in the same task; returns true when
    /// the batch must call ``flushStaged()`` for this client (false: closing, or a flush is already
    /// scheduled and will carry it). Call on the channel's event loop.
    func stage(_ message: OutboundMessage) -> Bool {
        channel.eventLoop.preconditionInEventLoop()
        guard !outbox.value.closing else { return false }
        outbox.value.queued.append(message)
        guard !outbox.value.flushScheduled else { return false }
        outbox.value.flushScheduled = true
        return true
    }

    /// Flushes what ``stage(_:)`` queued. Call on the channel's event loop, in the task that staged it.
    func flushStaged() {
        flush()
    }

    /// Queues a control frame (a pong or a ping) against the budget. Call on the channel's event loop.
    func sendControl(_ opcode: WebSocketOpcode, data: ByteBuffer) {
        channel.eventLoop.preconditionInEventLoop()
        guard !outbox.value.closing else { return }
        write(WebSocketFrame(fin: true, opcode: opcode, data: data))
        channel.flush()
        enforceBudget()
    }

    /// Sends a close frame (with no body when `code` is nil), then closes the connection once it is
    /// written, or after ``closeTimeout`` if the client does not read it.
    func close(code: WebSocketErrorCode?, reason: String) {
        channel.eventLoop.execute { [self] in
            guard !outbox.value.closing else { return }
            // Messages queued before the close still go out first, in order.
            if !outbox.value.queued.isEmpty { flush() }
            guard !outbox.value.closing else { return }
            outbox.value.closing = true
            var buffer = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
            if let code {
                buffer.write(webSocketErrorCode: code)
                // A close reason is limited to 123 bytes by RFC 6455.
                buffer.writeBytes(Array(reason.utf8.prefix(123)))
            }
            let written = write(WebSocketFrame(fin: true, opcode: .connectionClose, data: buffer))
            channel.flush()
            written.whenComplete { [channel] _ in channel.close(promise: nil) }
            channel.eventLoop.scheduleTask(in: closeTimeout) { [channel] in channel.close(promise: nil) }
        }
    }

    /// Writes one frame, counting its bytes against the budget until the socket has taken them.
    @discardableResult
    private func write(_ frame: WebSocketFrame) -> EventLoopFuture<Void> {
        let cost = frame.data.readableBytes + ClientSession.queuedFrameOverhead
        let total = cost
        outbox.value.pendingBytes += total
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [self] _ in outbox.value.pendingBytes -= total }
        channel.write(frame, promise: promise)
        return promise.futureResult
    }

    private func enforceBudget() {
        guard outbox.value.pendingBytes > maxPendingBytes, !outbox.value.closing else { return }
        logger.warning(
            "client too slow: dropping it",
            metadata: ["identity": "\(identity.hexString)", "pending_bytes": "\(outbox.value.pendingBytes)"])
        outbox.value.closing = true
        outbox.value.queued.removeAll()
        channel.close(promise: nil)
    }

    /// Sends everything queued as data frames: each written already framed (``OutboundMessage/wireFrame``)
    /// at the WebSocket encoder's place in the pipeline, so it passes no handler but the ones between
    /// the encoder and the socket (TLS), with one promise for the whole flush, and one socket flush.
    private func flush() {
        outbox.value.flushScheduled = false
        guard !outbox.value.queued.isEmpty else { return }
        let messages = outbox.value.queued
        outbox.value.queued = []
        guard !outbox.value.closing, let writer = frameWriter() else { return }
        let allocator = channel.allocator
        var cost = 0
        var held: ByteBuffer?
        // Every frame but the last goes without a promise: the last one's completes after them.
        func add(_ frame: ByteBuffer) {
            cost += frame.readableBytes + ClientSession.queuedFrameOverhead
            if let previous = held { writer.write(NIOAny(previous), promise: nil) }
            held = frame
        }
        switch webSocketProtocol {
        case .v1, .v2:
            for message in messages { add(message.wireFrame(compression: compression, allocator: allocator)) }
        case .v3 where messages.count == 1:
            add(messages[0].wireFrame(compression: compression, allocator: allocator))
        case .v3:
            var batch: [UInt8] = []
            for message in messages {
                if !batch.isEmpty && batch.count + message.bytes.count > V3.maxUncompressedPayloadSize {
                    add(OutboundMessage.wireFrame(batch, compression: compression, allocator: allocator))
                    batch.removeAll(keepingCapacity: true)
                }
                batch.append(contentsOf: message.bytes)
            }
            if !batch.isEmpty { add(OutboundMessage.wireFrame(batch, compression: compression, allocator: allocator)) }
        }
        guard let last = held else { return }
        let total = cost
        outbox.value.pendingBytes += total
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [self] _ in outbox.value.pendingBytes -= total }
        writer.write(NIOAny(last), promise: promise)
        writer.flush()
        enforceBudget()
    }

    /// Where framed data is written: the context of the pipeline's `WebSocketFrameEncoder` (looked up
    /// once), or nil once the encoder is gone (the channel closed; nothing can be written any more).
    private func frameWriter() -> ChannelHandlerContext? {
        if let writer = outbox.value.frameWriter { return writer }
        let writer = try? channel.pipeline.syncOperations.context(handlerType: WebSocketFrameEncoder.self)
        outbox.value.frameWriter = writer
        return writer
    }
}

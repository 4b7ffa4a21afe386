import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import SpacetimeDB

/// One connected WebSocket client: who it is, what it negotiated, and its outbound queue.
///
/// The engine calls ``send(_:)`` from its own isolation domain; the frames are built and written on
/// the channel's event loop. Everything queued for the client counts against ``maxPendingBytes``
/// until the socket takes it, and a client that lets more pile up is disconnected, so neither a slow
/// reader nor a ping flood holds memory or other clients hostage. Data frames are counted by NIO
/// itself (the channel's write-buffer high-water mark is the budget, ``configureBudget()``), so a
/// fan-out's write costs no promise per client; control frames (pongs, pings, close), which a client
/// can make the host queue at will, are counted here too, each with a fixed cost for the bookkeeping
/// a pending write holds. On plain TCP, data frames go straight to the socket whenever NIO holds
/// nothing for it (``writeData(_:_:_:)``); what the socket does not take goes through NIO as before.
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
    /// `confirmed=` (default true): everything a transaction sends this client waits until it is
    /// durable. False: it goes as soon as the transaction is written and applied, its own reducer
    /// results included, so what it sees may be lost by a crash of the host (SpacetimeDB's
    /// unconfirmed reads).
    let confirmedReads: Bool
    /// The outbound byte budget before the client is dropped as too slow.
    let maxPendingBytes: Int
    /// How long a close frame may wait to be written before the connection is cut anyway.
    let closeTimeout: TimeAmount

    /// What a queued control frame costs beyond its bytes: the buffer, promise and list node of a pending write.
    static let queuedFrameOverhead = 256

    let channel: any Channel
    /// The connected socket, written directly by ``flush()`` when NIO holds nothing for it (see
    /// ``Outbox/nioWritesInFlight``); nil when every byte must pass through NIO (TLS).
    private let descriptor: CInt?
    private let outbox: NIOLoopBound<Outbox>
    private let logger: Logger

    /// The outbound state, touched only on the channel's event loop. A class, so that each entry point
    /// checks the loop once and then reads and writes fields in place (a struct in a loop-bound box is
    /// copied whole, with a retain of each reference in it, on every read of one field).
    final class Outbox {
        /// The first message queued since the last flush (the usual case is one), then the rest.
        var first: OutboundMessage?
        var more: [OutboundMessage] = []
        var flushScheduled = false
        /// Bytes of control frames written and not yet taken by the socket, plus their overhead.
        var controlPendingBytes = 0
        var closing = false
        /// The WebSocket encoder's context, where ``flush()`` writes already-framed data.
        var frameWriter: ChannelHandlerContext?
        /// Writes handed to NIO (with a descriptor) that it has not finished. Data may go straight
        /// to the socket only at zero: a direct write must not overtake bytes NIO still holds.
        /// Starts at one, for the first data write, which always goes through NIO: once it is done
        /// nothing NIO queued before the session existed (the upgrade response) can still be waiting.
        var nioWritesInFlight = 1
        var sentFirstData = false
        /// Data frames (or their first bytes) the socket took from a direct write, and data frames
        /// (or their rests) handed to NIO: for tests and diagnostics.
        var framesWrittenDirectly = 0
        var framesHandedToNIO = 0

        var isEmpty: Bool { first == nil }

        func append(_ message: OutboundMessage) {
            if first == nil { first = message } else { more.append(message) }
        }

        func removeAll() {
            first = nil
            more.removeAll()
        }
    }

    init(
        id: UInt64, identity: Identity, connectionId: ConnectionId, token: String, webSocketProtocol: WebSocketProtocol,
        compression: Compression, light: Bool, confirmedReads: Bool = true, maxPendingBytes: Int,
        closeTimeout: TimeAmount = .seconds(5), channel: any Channel, descriptor: CInt? = nil, logger: Logger
    ) {
        self.id = id
        self.identity = identity
        self.connectionId = connectionId
        self.token = token
        self.webSocketProtocol = webSocketProtocol
        self.compression = compression
        self.light = light
        self.confirmedReads = confirmedReads
        self.maxPendingBytes = maxPendingBytes
        self.closeTimeout = closeTimeout
        self.channel = channel
        self.descriptor = descriptor
        self.outbox = NIOLoopBound(Outbox(), eventLoop: channel.eventLoop)
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
        let outbox = outbox.value
        guard !outbox.closing else { return }
        outbox.append(message)
        if !outbox.flushScheduled {
            outbox.flushScheduled = true
            // Flush after the current batch of tasks so that messages queued together share frames (v3)
            // and one syscall.
            channel.eventLoop.execute { [self] in flush() }
        }
    }

    /// Queues one message for a ``DeliveryBatch``, which flushes it in the same task; returns true when
    /// the batch must call ``flushStaged()`` for this client (false: closing, or a flush is already
    /// scheduled and will carry it). Call on the channel's event loop.
    func stage(_ message: OutboundMessage) -> Bool {
        let outbox = outbox.value
        guard !outbox.closing else { return false }
        outbox.append(message)
        guard !outbox.flushScheduled else { return false }
        outbox.flushScheduled = true
        return true
    }

    /// Flushes what ``stage(_:)`` queued. Call on the channel's event loop, in the task that staged it.
    func flushStaged() {
        flush()
    }

    /// Queues a control frame (a pong or a ping) against the budget. Call on the channel's event loop.
    func sendControl(_ opcode: WebSocketOpcode, data: ByteBuffer) {
        guard !outbox.value.closing else { return }
        write(WebSocketFrame(fin: true, opcode: opcode, data: data))
        channel.flush()
        enforceBudget()
    }

    /// Sets the channel's write-buffer high-water mark to ``maxPendingBytes``, so that NIO's count of
    /// the bytes it holds for the socket is the budget's count of data frames (``enforceBudget()``
    /// drops the client once the channel stops being writable). Call on the channel's event loop,
    /// before anything is sent.
    func configureBudget() throws {
        let high = max(2, maxPendingBytes)
        try channel.syncOptions?.setOption(.writeBufferWaterMark, value: .init(low: high / 2, high: high))
    }

    /// Sends a close frame (with no body when `code` is nil), then closes the connection once it is
    /// written, or after ``closeTimeout`` if the client does not read it.
    func close(code: WebSocketErrorCode?, reason: String) {
        channel.eventLoop.execute { [self] in
            let outbox = outbox.value
            guard !outbox.closing else { return }
            // Messages queued before the close still go out first, in order.
            if !outbox.isEmpty { flush() }
            guard !outbox.closing else { return }
            outbox.closing = true
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

    /// Writes one control frame, counting its bytes and overhead against the budget until the socket
    /// has taken them.
    @discardableResult
    private func write(_ frame: WebSocketFrame) -> EventLoopFuture<Void> {
        let cost = frame.data.readableBytes + ClientSession.queuedFrameOverhead
        let outbox = outbox.value
        outbox.controlPendingBytes += cost
        if descriptor != nil { outbox.nioWritesInFlight += 1 }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [self] _ in
            let outbox = self.outbox.value
            outbox.controlPendingBytes -= cost
            if descriptor != nil { outbox.nioWritesInFlight -= 1 }
        }
        channel.write(frame, promise: promise)
        return promise.futureResult
    }

    /// Drops the client when more is waiting for its socket than the budget allows: NIO's buffered
    /// bytes over the high-water mark (the channel is no longer writable), or control frames over it.
    private func enforceBudget() {
        let outbox = outbox.value
        guard !outbox.closing, !channel.isWritable || outbox.controlPendingBytes > maxPendingBytes else { return }
        logger.warning(
            "client too slow: dropping it",
            metadata: [
                "identity": "\(identity.hexString)", "max_pending_bytes": "\(maxPendingBytes)",
                "control_pending_bytes": "\(outbox.controlPendingBytes)",
            ])
        outbox.closing = true
        outbox.removeAll()
        channel.close(promise: nil)
    }

    /// Sends everything queued as data frames: each written already framed (``OutboundMessage/wireFrame``)
    /// at the WebSocket encoder's place in the pipeline, so it passes no handler but the ones between
    /// the encoder and the socket (TLS), without a promise (NIO counts the bytes against the budget),
    /// and one socket flush.
    private func flush() {
        let outbox = outbox.value
        outbox.flushScheduled = false
        guard let first = outbox.first else { return }
        let more = outbox.more
        outbox.removeAll()
        guard !outbox.closing, let writer = frameWriter(outbox) else { return }
        var handedToNIO = false
        switch webSocketProtocol {
        case .v1, .v2:
            handedToNIO = writeData(first.wireFrame(compression: compression, allocator: channel.allocator), writer, outbox)
            for message in more {
                let frame = message.wireFrame(compression: compression, allocator: channel.allocator)
                handedToNIO = writeData(frame, writer, outbox) || handedToNIO
            }
        case .v3 where more.isEmpty:
            handedToNIO = writeData(first.wireFrame(compression: compression, allocator: channel.allocator), writer, outbox)
        case .v3:
            let allocator = channel.allocator
            var batch = first.bytes
            for message in more {
                if !batch.isEmpty && batch.count + message.bytes.count > V3.maxUncompressedPayloadSize {
                    let frame = OutboundMessage.wireFrame(batch, compression: compression, allocator: allocator)
                    handedToNIO = writeData(frame, writer, outbox) || handedToNIO
                    batch.removeAll(keepingCapacity: true)
                }
                batch.append(contentsOf: message.bytes)
            }
            if !batch.isEmpty {
                let frame = OutboundMessage.wireFrame(batch, compression: compression, allocator: allocator)
                handedToNIO = writeData(frame, writer, outbox) || handedToNIO
            }
        }
        // Bytes the socket took directly are not NIO's to flush or to count against the budget.
        if handedToNIO {
            writer.flush()
            enforceBudget()
        }
    }

    /// Writes one data frame: straight to the socket when it may (a descriptor, nothing of this
    /// client's still in NIO, the channel open), and through NIO otherwise or for what the socket did
    /// not take. Returns whether anything was handed to NIO (which then needs a flush).
    ///
    /// Why past NIO: a fan-out writes one small frame to each of a thousand sockets, and NIO's write
    /// path (pipeline, pending-writes bookkeeping, flush) cost more than the `send(2)` itself. Order
    /// holds because every write NIO gets while a descriptor is known carries a promise that counts it
    /// out (``Outbox/nioWritesInFlight``): a direct write happens only when NIO holds nothing.
    private func writeData(_ frame: ByteBuffer, _ writer: ChannelHandlerContext, _ outbox: Outbox) -> Bool {
        guard let descriptor else {
            outbox.framesHandedToNIO += 1
            writer.write(NIOAny(frame), promise: nil)
            return true
        }
        var rest = frame
        // The descriptor is closed (and its number free for another connection) only by the channel's
        // close, which runs on this event loop: while the channel is active here, it is this client's.
        if outbox.nioWritesInFlight == 0, channel.isActive {
            let written = DirectSocketWrite.send(rest, to: descriptor)
            if written > 0 { outbox.framesWrittenDirectly += 1 }
            if written == rest.readableBytes { return false }
            rest.moveReaderIndex(forwardBy: written)
        }
        if outbox.sentFirstData {
            outbox.nioWritesInFlight += 1
        } else {
            outbox.sentFirstData = true  // already counted: nioWritesInFlight starts at one
        }
        outbox.framesHandedToNIO += 1
        let promise = channel.eventLoop.makePromise(of: Void.self)
        promise.futureResult.whenComplete { [self] _ in self.outbox.value.nioWritesInFlight -= 1 }
        writer.write(NIOAny(rest), promise: promise)
        return true
    }

    /// How many data frames went straight to the socket and how many through NIO (a frame the socket
    /// took in part counts in both). Call on the channel's event loop.
    func dataFrameCounts() -> (direct: Int, throughNIO: Int) {
        let outbox = outbox.value
        return (outbox.framesWrittenDirectly, outbox.framesHandedToNIO)
    }

    /// Where framed data is written: the context of the pipeline's `WebSocketFrameEncoder` (looked up
    /// once), or nil once the encoder is gone (the channel closed; nothing can be written any more).
    private func frameWriter(_ outbox: Outbox) -> ChannelHandlerContext? {
        if let writer = outbox.frameWriter { return writer }
        let writer = try? channel.pipeline.syncOperations.context(handlerType: WebSocketFrameEncoder.self)
        outbox.frameWriter = writer
        return writer
    }
}

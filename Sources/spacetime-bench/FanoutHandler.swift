import Foundation
import NIOCore
import QuickstartChat
import SpacetimeDB

/// Parses the 101 response, then server frames; records message arrivals and reports request replies.
///
/// Arrivals are recorded in the handler's own array and reported only when their count reaches one of
/// the `milestones` (the end of the warm-up, the end of the run): a subscriber shares nothing with the
/// others while it measures (a shared counter or closure
/// touched on every arrival by both client threads would bounce its cache line between the cores
/// and make the instrument cost more than what it measures).
final class FanoutHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let ready: EventLoopPromise<Void>
    private let mode: FanoutSubscriberMode
    private let milestones: [Int]
    private let onMilestone: @Sendable (Int) -> Void
    private var buffer = ByteBuffer()
    private var upgraded = false
    /// Per `TransactionUpdate` received, in order: in ``FanoutSubscriberMode/light`` when it arrived
    /// (uptime nanoseconds); in ``FanoutSubscriberMode/decode`` the latency of each `message` row it
    /// carried (arrival minus the send time in the row's text).
    private(set) var samples: [UInt64] = []
    var pendingReply: EventLoopPromise<Void>?
    /// Called on each reply instead of `pendingReply` while a ``FanoutClient/sendSequence(count:text:)`` runs.
    var onReply: (() -> Void)?

    init(
        ready: EventLoopPromise<Void>, mode: FanoutSubscriberMode = .decode, milestones: [Int] = [],
        onMilestone: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.ready = ready
        self.mode = mode
        self.milestones = milestones
        self.onMilestone = onMilestone
        samples.reserveCapacity(milestones.max() ?? 0)
    }

    private func record(_ sample: UInt64) {
        samples.append(sample)
        if let index = milestones.firstIndex(of: samples.count) { onMilestone(index) }
    }

    func write(_ payload: [UInt8], on channel: any Channel) {
        channel.writeAndFlush(FanoutHandler.frame(opcode: 0x2, payload: payload), promise: nil)
    }

    static func frame(opcode: UInt8, payload: [UInt8]) -> ByteBuffer {
        var out = ByteBuffer()
        out.writeInteger(0x80 | opcode)
        if payload.count < 126 {
            out.writeInteger(UInt8(0x80 | payload.count))
        } else if payload.count <= 0xFFFF {
            out.writeInteger(UInt8(0x80 | 126))
            out.writeInteger(UInt16(payload.count))
        } else {
            out.writeInteger(UInt8(0x80 | 127))
            out.writeInteger(UInt64(payload.count))
        }
        out.writeBytes([0, 0, 0, 0])  // a zero mask leaves the payload as is
        out.writeBytes(payload)
        return out
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        if !upgraded {
            let view = buffer.readableBytesView
            guard let end = view.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            let head = String(decoding: view[view.startIndex..<end.lowerBound], as: UTF8.self)
            buffer.moveReaderIndex(forwardBy: end.upperBound - view.startIndex)
            guard head.hasPrefix("HTTP/1.1 101") else {
                ready.fail(FanoutClientError.upgradeRefused(head))
                return
            }
            upgraded = true
        }
        while let frame = nextFrame() {
            switch frame.opcode {
            case 0x2 where mode == .light && FanoutHandler.isUncompressed(frame.payload, tag: 4):
                record(DispatchTime.now().uptimeNanoseconds)
            case 0x2 where mode == .light && FanoutHandler.isUncompressed(frame.payload, tag: 6):
                reply()
            case 0x2: handle(Array(frame.payload.readableBytesView))
            case 0x9:
                let payload = Array(frame.payload.readableBytesView)
                context.writeAndFlush(NIOAny(FanoutHandler.frame(opcode: 0xA, payload: payload)), promise: nil)
            default: break
            }
        }
        buffer.discardReadBytes()
    }

    /// Whether a frame payload is a v2 server message with this tag (4 `TransactionUpdate`, 6
    /// `ReducerResult`) sent without compression (envelope byte 0).
    static func isUncompressed(_ payload: ByteBuffer, tag: UInt8) -> Bool {
        payload.getInteger(at: payload.readerIndex, as: UInt8.self) == 0
            && payload.getInteger(at: payload.readerIndex + 1, as: UInt8.self) == tag
    }

    private func reply() {
        if let onReply {
            onReply()
        } else {
            pendingReply?.succeed(())
            pendingReply = nil
        }
    }

    private func nextFrame() -> (opcode: UInt8, payload: ByteBuffer)? {
        var peek = buffer
        guard let first: UInt8 = peek.readInteger(), let second: UInt8 = peek.readInteger() else { return nil }
        var length = Int(second & 0x7F)
        if length == 126 {
            guard let extended: UInt16 = peek.readInteger() else { return nil }
            length = Int(extended)
        } else if length == 127 {
            guard let extended: UInt64 = peek.readInteger() else { return nil }
            length = Int(extended)
        }
        guard let payload = peek.readSlice(length: length) else { return nil }
        buffer = peek
        return (first & 0x0F, payload)
    }

    private func handle(_ frame: [UInt8]) {
        guard let (_, payload) = try? ServerFrameCodec.decode(frame),
            let messages = try? V3.decodeServerMessages(payload)
        else { return }
        for message in messages {
            switch message {
            case .initialConnection: ready.succeed(())
            case .subscribeApplied, .reducerResult: reply()
            case .transactionUpdate(let update):
                for set in update.querySets {
                    for table in set.tables {
                        for case .persistentTable(let rows) in table.rows {
                            for row in (try? rows.inserts.decodeRows(as: Message.self)) ?? [] {
                                let parts = row.text.split(separator: " ")
                                if parts.count >= 2, let nanos = UInt64(parts[1]) {
                                    record(DispatchTime.now().uptimeNanoseconds &- nanos)
                                }
                            }
                        }
                    }
                }
            default: break
            }
        }
    }
}

import NIOCore
import NIOWebSocket
import Synchronization

/// A live (or connecting) WebSocket on SwiftNIO; created by ``NIOWebSocketConnector``.
final class NIOWebSocketTransport: SpacetimeTransport {
    private struct State {
        var channel: (any Channel)?
        var upgraded = false
        var closeRequested = false
    }
    private let state = Mutex(State())
    private let sink: TransportEventSink

    init(sink: TransportEventSink) {
        self.sink = sink
    }

    /// Called once the TCP connection exists.
    func attach(_ channel: any Channel) {
        let closeNow = state.withLock { state -> Bool in
            state.channel = channel
            return state.closeRequested
        }
        if closeNow { channel.close(promise: nil) }
    }

    /// Called once the WebSocket handlers are in place, before `.opened` is reported: from then on
    /// ``send(_:)`` writes to `channel`.
    ///
    /// ``attach(_:)`` cannot be relied on for that: the connect future's callback is queued on the
    /// event loop by the thread that called `connect`, and when that thread is descheduled first the
    /// upgrade can complete before it runs. A request sent on `.opened` (the one waiting in the
    /// outbox) then found no channel and was dropped, although the connection counted it as sent.
    func markUpgraded(_ channel: any Channel) {
        let closeNow = state.withLock { state -> Bool in
            state.channel = channel
            state.upgraded = true
            return state.closeRequested
        }
        if closeNow { channel.close(promise: nil) }
    }

    func send(_ message: [UInt8]) {
        guard let channel = state.withLock({ $0.channel }) else { return }
        let frame = WebSocketFrame(fin: true, opcode: .binary, maskKey: .random(), data: ByteBuffer(bytes: message))
        channel.writeAndFlush(frame, promise: nil)
    }

    func close() {
        let (channel, upgraded) = state.withLock { state -> ((any Channel)?, Bool) in
            state.closeRequested = true
            return (state.channel, state.upgraded)
        }
        if upgraded, let channel {
            channel.pipeline.fireUserInboundEventTriggered(CloseRequested())
        } else {
            // Still connecting: there is no WebSocket to close politely, so just drop the socket.
            sink.finish(nil)
            channel?.close(promise: nil)
        }
    }
}

import CEpoll
import Foundation
import QuickstartChat
import SpacetimeDB

/// One thread's `raw` host-fanout subscribers: plain sockets that subscribe to `message`, then one
/// edge-triggered epoll loop that reads them and notes when each `TransactionUpdate` arrived.
///
/// What a subscriber does per update is what any client's socket does (a `read(2)` of every byte,
/// and the kernel's ACK for it) plus a frame-header check: no event-loop framework, no handler
/// pipeline, no buffer pool. The instrument shares the machine's two cores with the host it
/// measures, so the less it costs, the more the figures say about the host.
struct PlainSubscriberLoop {
    /// The epoll token of the stop pipe, which no connection index reaches.
    static let stopToken = UInt64.max

    private var sockets: [PlainSocket] = []
    private var scanners: [ServerFrameScanner] = []
    /// Per subscriber, when each `TransactionUpdate` arrived (uptime nanoseconds), in order.
    private(set) var arrivals: [[UInt64]] = []
    private let milestones: [Int]
    private let onMilestone: @Sendable (Int) -> Void

    init(milestones: [Int], onMilestone: @escaping @Sendable (Int) -> Void) {
        self.milestones = milestones
        self.onMilestone = onMilestone
    }

    /// Connects and subscribes one more subscriber (blocking), then makes its socket non-blocking.
    mutating func add(port: Int, query: String = "compression=None") throws(PlainSocketError) {
        let socket = try PlainSocket.connect(port: port)
        do {
            try add(connected: socket, scanner: try Self.subscribe(socket, query: query))
        } catch {
            socket.close()
            throw error
        }
    }

    /// Adds a socket that is ready to read updates (``SocketFloorBenchmark``'s, or a subscribed one
    /// with what `scanner` already holds), and makes it non-blocking. The loop closes it.
    mutating func add(connected socket: PlainSocket, scanner: ServerFrameScanner = ServerFrameScanner()) throws(PlainSocketError) {
        try socket.makeNonBlocking()
        sockets.append(socket)
        scanners.append(scanner)
        var samples: [UInt64] = []
        samples.reserveCapacity(milestones.max() ?? 0)
        arrivals.append(samples)
    }

    /// Reads updates until a byte arrives on `stop`; returns early with the first failure.
    mutating func run(stop: Int32) throws(PlainSocketError) {
        let poll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard poll >= 0 else { throw .call("epoll_create1", errno) }
        defer { _ = Glibc.close(poll) }
        try Self.watch(stop, token: Self.stopToken, in: poll)
        for (index, socket) in sockets.enumerated() { try Self.watch(socket.descriptor, token: UInt64(index), in: poll) }
        let capacity = 1 << 16
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            let ready = events.withUnsafeMutableBufferPointer { epoll_wait(poll, $0.baseAddress, Int32($0.count), -1) }
            if ready < 0 {
                if errno == EINTR { continue }
                throw .call("epoll_wait", errno)
            }
            for event in events[0..<Int(ready)] {
                let token = event.data.u64
                if token == Self.stopToken { return }
                try drain(Int(token), into: buffer)
            }
        }
    }

    /// Reads subscriber `index`'s socket until it is empty (the loop is edge-triggered): a read
    /// that fills less than the buffer took everything there was.
    private mutating func drain(_ index: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PlainSocketError) {
        while let count = try sockets[index].read(into: buffer) {
            guard count > 0 else { throw .unexpected("the host closed a subscriber's connection") }
            let now = DispatchTime.now().uptimeNanoseconds
            var failure: PlainSocketError?
            // The scanner is moved out while its frames are handled (no copy of its carried bytes).
            var scanner = ServerFrameScanner()
            swap(&scanner, &scanners[index])
            scanner.scan(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { frame in
                guard failure == nil else { return }
                do throws(PlainSocketError) { try handle(frame, of: index, at: now) } catch { failure = error }
            }
            swap(&scanner, &scanners[index])
            if let failure { throw failure }
            if count < buffer.count { return }
        }
    }

    private mutating func handle(_ frame: ServerFrameScanner.Frame, of index: Int, at now: UInt64) throws(PlainSocketError) {
        guard frame.isFinal else { throw .unexpected("the host sent a fragmented message") }
        switch frame.opcode {
        case 0x2:
            // Envelope 0 (not compressed), tag 4: a `TransactionUpdate`.
            guard frame.head?.0 == 0, frame.head?.1 == 4 else { return }
            arrivals[index].append(now)
            if let milestone = milestones.firstIndex(of: arrivals[index].count) { onMilestone(milestone) }
        case 0x9:
            try sockets[index].write(Self.frame(opcode: 0xA, payload: frame.payload))
        case 0x8:
            throw .unexpected("the host closed a subscriber's connection")
        default:
            return
        }
    }

    /// Closes every subscriber's socket.
    func closeAll() {
        for socket in sockets { socket.close() }
    }

    private static func watch(_ descriptor: Int32, token: UInt64, in poll: Int32) throws(PlainSocketError) {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLET.rawValue
        event.data.u64 = token
        guard epoll_ctl(poll, EPOLL_CTL_ADD, descriptor, &event) == 0 else { throw .call("epoll_ctl", errno) }
    }

    /// Upgrades `socket` to a v2 WebSocket, waits for `InitialConnection`, subscribes to `message`
    /// and waits for `SubscribeApplied`; returns the scanner holding whatever followed.
    private static func subscribe(_ socket: PlainSocket, query: String) throws(PlainSocketError) -> ServerFrameScanner {
        let request = "GET /v1/database/quickstart-chat/subscribe?\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v2.bsatn.spacetimedb\r\n\r\n"
        try socket.write(Array(request.utf8))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var head: [UInt8] = []
        let end = Array("\r\n\r\n".utf8)
        var scanner = ServerFrameScanner()
        // Tags: 0 `InitialConnection`, 1 `SubscribeApplied`, 3 `SubscriptionError`.
        var tags: [UInt8] = []
        func note(_ frame: ServerFrameScanner.Frame) {
            if frame.opcode == 0x2, let head = frame.head, head.0 == 0 { tags.append(head.1) }
        }
        while true {
            let count = try socket.read(into: &buffer)
            guard count > 0 else { throw .unexpected("the host closed the connection during the upgrade") }
            head += buffer[0..<count]
            if let range = head.firstRange(of: end) {
                let text = String(decoding: head[..<range.lowerBound], as: UTF8.self)
                guard text.hasPrefix("HTTP/1.1 101") else { throw .upgradeRefused(text) }
                let rest = Array(head[range.upperBound...])
                rest.withUnsafeBytes { scanner.scan($0, note) }
                break
            }
        }
        func waitFor(tag wanted: UInt8) throws(PlainSocketError) {
            while !tags.contains(wanted) {
                if tags.contains(3) { throw .unexpected("the host refused the subscription") }
                let count = try socket.read(into: &buffer)
                guard count > 0 else { throw .unexpected("the host closed the connection before subscribing") }
                buffer.withUnsafeBytes { bytes in
                    scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), note)
                }
            }
        }
        try waitFor(tag: 0)
        let subscribe = V2.ClientMessage.subscribe(
            V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM message"]))
        try socket.write(frame(opcode: 0x2, payload: subscribe.bsatnBytes()))
        try waitFor(tag: 1)
        return scanner
    }

    /// A masked client frame (a zero mask leaves the payload as it is).
    static func frame(opcode: UInt8, payload: [UInt8]) -> [UInt8] {
        Array(FanoutHandler.frame(opcode: opcode, payload: payload).readableBytesView)
    }
}

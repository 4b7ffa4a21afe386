import Foundation
import SpacetimeDB

/// A minimal WebSocket client over ``TestSocket`` that builds every frame by hand.
struct TestWebSocketClient: Sendable {
    /// One received frame.
    struct Frame: Sendable {
        var opcode: UInt8
        var payload: [UInt8]
        var fin: Bool
    }

    let socket: TestSocket
    let response: TestHTTPResponse

    /// The subprotocol the host selected.
    var selectedProtocol: String? { response.headers["sec-websocket-protocol"] }

    /// Sends an upgrade request; returns the response, and a client when the host answered 101.
    static func connect(
        port: Int, path: String, protocols: [String], headers: [(String, String)] = []
    ) async throws -> (response: TestHTTPResponse, client: TestWebSocketClient?) {
        let socket = try await TestSocket.connect(port: port)
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        request += "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if !protocols.isEmpty { request += "Sec-WebSocket-Protocol: \(protocols.joined(separator: ", "))\r\n" }
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        try await socket.write(Array(request.utf8))
        var response = try TestHTTPResponse.parseHead(try await socket.read(through: Array("\r\n\r\n".utf8)))
        guard response.status == 101 else {
            if let length = response.headers["content-length"].flatMap(Int.init), length > 0 {
                response.body = try await socket.read(exactly: length)
            }
            socket.close()
            return (response, nil)
        }
        return (response, TestWebSocketClient(socket: socket, response: response))
    }

    /// Sends one masked frame.
    func send(opcode: UInt8, payload: [UInt8], fin: Bool = true) async throws {
        var frame: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame.append(0x80 | 126)
            frame.append(UInt8(payload.count >> 8))
            frame.append(UInt8(payload.count & 0xFF))
        } else {
            frame.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8((payload.count >> shift) & 0xFF)) }
        }
        let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try await socket.write(frame)
    }

    /// Sends a binary message.
    func sendBinary(_ payload: [UInt8]) async throws { try await send(opcode: 0x2, payload: payload) }

    /// Reads the next frame of any kind.
    func nextFrame(timeout: Double = 10) async throws -> Frame {
        let header = try await socket.read(exactly: 2, timeout: timeout)
        var length = Int(header[1] & 0x7F)
        if length == 126 {
            let extended = try await socket.read(exactly: 2, timeout: timeout)
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            let extended = try await socket.read(exactly: 8, timeout: timeout)
            length = extended.reduce(0) { $0 << 8 | Int($1) }
        }
        if header[1] & 0x80 != 0 { throw TestSocketError.malformed("server frames must not be masked") }
        let payload = length > 0 ? try await socket.read(exactly: length, timeout: timeout) : []
        return Frame(opcode: header[0] & 0x0F, payload: payload, fin: header[0] & 0x80 != 0)
    }

    /// Reads the next data frame's payload (envelope included), answering pings on the way.
    func nextBinary(timeout: Double = 10) async throws -> [UInt8] {
        while true {
            let frame = try await nextFrame(timeout: timeout)
            switch frame.opcode {
            case 0x2: return frame.payload
            case 0x9: try await send(opcode: 0xA, payload: frame.payload)
            case 0x8: throw TestSocketError.closed
            default: continue
            }
        }
    }

    /// Reads the next v1 server message.
    func nextV1(timeout: Double = 10) async throws -> V1.ServerMessage {
        let frame = try await nextBinary(timeout: timeout)
        let (_, payload) = try ServerFrameCodec.decode(frame)
        return try V1.ServerMessage(bsatnBytes: payload)
    }

    /// Reads the next frame's v2 server messages (one for v2, possibly several for v3).
    func nextV2Messages(timeout: Double = 10) async throws -> [V2.ServerMessage] {
        let frame = try await nextBinary(timeout: timeout)
        let (_, payload) = try ServerFrameCodec.decode(frame)
        return try V3.decodeServerMessages(payload)
    }

    /// Reads the next close frame (skipping data); returns its code and reason.
    func nextClose(timeout: Double = 10) async throws -> (code: UInt16, reason: String) {
        while true {
            let frame = try await nextFrame(timeout: timeout)
            guard frame.opcode == 0x8 else { continue }
            guard frame.payload.count >= 2 else { return (1005, "") }
            let code = UInt16(frame.payload[0]) << 8 | UInt16(frame.payload[1])
            return (code, String(decoding: frame.payload.dropFirst(2), as: UTF8.self))
        }
    }

    /// Asserts silence: true if no data frame arrives within `seconds`.
    func staysQuiet(for seconds: Double) async -> Bool {
        do {
            _ = try await nextBinary(timeout: seconds)
            return false
        } catch {
            return true
        }
    }

    func close() { socket.close() }
}

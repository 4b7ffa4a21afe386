import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// Issue 9 items 8 and 9: RFC 6455 as the host applies it, over real sockets and as tables.
@Suite struct ProtocolStrictnessTests {
    struct FrameCase: Sendable, CustomStringConvertible {
        var name: String
        var opcode: UInt8
        var reservedBits: UInt8
        var masked: Bool
        var violates: Bool
        var description: String { name }
    }

    static let frameCases: [FrameCase] = [
        FrameCase(name: "masked binary", opcode: 0x2, reservedBits: 0, masked: true, violates: false),
        FrameCase(name: "masked continuation", opcode: 0x0, reservedBits: 0, masked: true, violates: false),
        FrameCase(name: "masked close", opcode: 0x8, reservedBits: 0, masked: true, violates: false),
        FrameCase(name: "masked pong", opcode: 0xA, reservedBits: 0, masked: true, violates: false),
        FrameCase(name: "unmasked binary", opcode: 0x2, reservedBits: 0, masked: false, violates: true),
        FrameCase(name: "unmasked ping", opcode: 0x9, reservedBits: 0, masked: false, violates: true),
        FrameCase(name: "RSV1", opcode: 0x2, reservedBits: 0x40, masked: true, violates: true),
        FrameCase(name: "RSV2", opcode: 0x1, reservedBits: 0x20, masked: true, violates: true),
        FrameCase(name: "RSV3", opcode: 0x9, reservedBits: 0x10, masked: true, violates: true),
        FrameCase(name: "opcode 3", opcode: 0x3, reservedBits: 0, masked: true, violates: true),
        FrameCase(name: "opcode 7", opcode: 0x7, reservedBits: 0, masked: true, violates: true),
        FrameCase(name: "opcode 0xB", opcode: 0xB, reservedBits: 0, masked: true, violates: true),
        FrameCase(name: "opcode 0xF", opcode: 0xF, reservedBits: 0, masked: true, violates: true),
    ]

    @Test(arguments: frameCases)
    func frameRules(_ testCase: FrameCase) {
        let violation = WebSocketFrameRules.violation(
            opcode: testCase.opcode, reservedBits: testCase.reservedBits, masked: testCase.masked)
        #expect((violation != nil) == testCase.violates, "\(testCase.name): \(violation ?? "accepted")")
    }

    static let closeCases: [(payload: [UInt8], reply: WebSocketFrameRules.CloseReply)] = [
        ([], .echo(code: nil)),
        ([0x03, 0xE8], .echo(code: 1000)),
        ([0x03, 0xE9] + Array("bye".utf8), .echo(code: 1001)),
        ([0x03, 0xF3], .echo(code: 1011)),
        ([0x03, 0xF5], .echo(code: 1013)),
        ([0x0F, 0xA1], .echo(code: 4001)),
        ([0x0B, 0xB8], .echo(code: 3000)),
        ([0x03], .fail(code: 1002, reason: "a close frame body must hold a 2-byte status code")),
        ([0x03, 0xE7], .fail(code: 1002, reason: "invalid close code 999")),
        ([0x03, 0xEC], .fail(code: 1002, reason: "invalid close code 1004")),
        ([0x03, 0xED], .fail(code: 1002, reason: "invalid close code 1005")),
        ([0x03, 0xEE], .fail(code: 1002, reason: "invalid close code 1006")),
        ([0x03, 0xF7], .fail(code: 1002, reason: "invalid close code 1015")),
        ([0x07, 0xD0], .fail(code: 1002, reason: "invalid close code 2000")),
        ([0x13, 0x88], .fail(code: 1002, reason: "invalid close code 5000")),
        ([0x03, 0xE8, 0xFF, 0xFE], .fail(code: 1007, reason: "close reason is not valid UTF-8")),
    ]

    @Test func closeReplies() {
        for (payload, expected) in Self.closeCases {
            #expect(WebSocketFrameRules.closeReply(to: payload) == expected, "payload \(payload)")
        }
    }

    /// A frame written byte for byte: `firstByte` holds FIN, RSV and opcode; masked unless told otherwise.
    static func rawFrame(firstByte: UInt8, payload: [UInt8], masked: Bool = true) -> [UInt8] {
        precondition(payload.count < 126)
        var frame: [UInt8] = [firstByte, (masked ? 0x80 : 0) | UInt8(payload.count)]
        guard masked else { return frame + payload }
        let mask: [UInt8] = [0x0A, 0x0B, 0x0C, 0x0D]
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return frame
    }

    static let oneOffQuery = V1.ClientMessage.oneOffQuery(V1.OneOffQuery(messageId: [1], queryString: "SELECT * FROM user")).bsatnBytes()

    @Test(arguments: [
        ("unmasked binary", rawFrame(firstByte: 0x82, payload: oneOffQuery, masked: false)),
        ("RSV1 on a binary frame", rawFrame(firstByte: 0xC2, payload: oneOffQuery)),
        ("opcode 3", rawFrame(firstByte: 0x83, payload: [1, 2, 3])),
        ("opcode 0xB", rawFrame(firstByte: 0x8B, payload: [])),
    ])
    func framingViolationsCloseWith1002(_ name: String, _ frame: [UInt8]) async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV1()
        try await client.socket.write(frame)
        let close = try await client.nextClose()
        #expect(close.code == 1002, "\(name): \(close)")
        #expect(await client.socket.waitForClose())
        client.close()
        await fixture.stop()
    }

    @Test(arguments: [
        (UInt16(999), UInt16(1002)), (1000, 1000), (1005, 1002), (4001, 4001), (2999, 1002),
    ])
    func closeCodesAreEchoedOrRefused(_ sent: UInt16, _ answered: UInt16) async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV1()
        try await client.send(opcode: 0x8, payload: [UInt8(sent >> 8), UInt8(sent & 0xFF)])
        #expect(try await client.nextClose().code == answered)
        #expect(await client.socket.waitForClose())
        client.close()
        await fixture.stop()
    }

    /// Item 8: the 1009 cap however the message is split into fragments.
    @Test func fragmentedMessageOverTheCapClosesWith1009() async throws {
        let fixture = try await HostFixture.start { $0.maxIncomingMessageBytes = 1024 }
        let (client, _) = try await fixture.connectV1()
        let chunk = [UInt8](repeating: 7, count: 600)
        try await client.send(opcode: 0x2, payload: chunk, fin: false)
        try await client.send(opcode: 0x0, payload: chunk, fin: false)
        try await client.send(opcode: 0x0, payload: chunk, fin: true)
        #expect(try await client.nextClose().code == 1009)
        client.close()
        await fixture.stop()
    }

    /// Item 9: the idle drop says so with a close frame (1001) before the socket goes.
    @Test func idleClientGetsACloseFrameBeforeTheDrop() async throws {
        let fixture = try await HostFixture.start { configuration in
            configuration.pingInterval = .milliseconds(50)
            configuration.idleTimeout = .milliseconds(200)
        }
        let client = try await fixture.connect()
        #expect(try await client.nextClose().code == 1001)
        #expect(await client.socket.waitForClose())
        client.close()
        await fixture.stop()
    }
}

import ChatHost
import Foundation
import Testing

@testable import ChatHost

/// Issue 9 item 5: plain HTTP connections are cut when slow, idle or bad, and their number is capped.
@Suite struct HTTPConnectionLimitsTests {
    static func shortTimeouts(_ configuration: inout ChatHostConfiguration) {
        configuration.httpRequestTimeout = .milliseconds(300)
        configuration.httpIdleTimeout = .milliseconds(300)
    }

    @Test func deadlinesTable() {
        var deadlines = HTTPConnectionDeadlines(requestTimeout: .seconds(10), idleTimeout: .seconds(30))
        let steps: [(HTTPConnectionDeadlines.Event, [HTTPConnectionDeadlines.Action])] = [
            (.opened, [.arm(.seconds(10))]),
            (.requestHead, [.arm(.seconds(10))]),
            (.requestEnd, [.disarm]),
            (.deadlinePassed, []),
            (.responseSent(status: 200, keepAlive: true), [.arm(.seconds(30))]),
            (.deadlinePassed, [.close(reason: "idle keep-alive connection")]),
            (.requestHead, [.arm(.seconds(10))]),
            (.deadlinePassed, [.close(reason: "request not received in time")]),
            (.opened, [.arm(.seconds(10))]),
            (.requestEnd, [.disarm]),
            (.responseSent(status: 400, keepAlive: true), [.disarm, .close(reason: "bad request")]),
            (.responseSent(status: 404, keepAlive: true), [.arm(.seconds(30))]),
            (.responseSent(status: 200, keepAlive: false), [.disarm, .close(reason: "the client asked to close")]),
        ]
        for (index, (event, expected)) in steps.enumerated() {
            #expect(deadlines.on(event) == expected, "step \(index): \(event)")
        }
    }

    @Test func unfinishedHeadersAreCut() async throws {
        let fixture = try await HostFixture.start(configure: Self.shortTimeouts)
        let socket = try await TestSocket.connect(port: fixture.port)
        try await socket.write(Array("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
        #expect(await socket.waitForClose(timeout: 20))
        socket.close()
        await fixture.stop()
    }

    @Test func slowlorisIsCut() async throws {
        let fixture = try await HostFixture.start(configure: Self.shortTimeouts)
        let socket = try await TestSocket.connect(port: fixture.port)
        // One byte every 50 ms of a header that never ends, until the host hangs up (bounded at 20 s).
        var cut = false
        for _ in 0..<400 where !cut {
            do {
                try await socket.write(Array("X".utf8))
                try await Task.sleep(for: .milliseconds(50))
            } catch {
                cut = true
            }
        }
        if !cut { cut = await socket.waitForClose(timeout: 1) }
        #expect(cut)
        socket.close()
        await fixture.stop()
    }

    @Test func idleKeepAliveConnectionIsCut() async throws {
        // A long request deadline, so a slow machine cannot cut the first request before it arrives.
        let fixture = try await HostFixture.start { configuration in
            configuration.httpRequestTimeout = .seconds(120)
            configuration.httpIdleTimeout = .milliseconds(300)
        }
        let socket = try await TestSocket.connect(port: fixture.port)
        try await socket.write(Array("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        let head = try TestHTTPResponse.parseHead(try await socket.read(through: Array("\r\n\r\n".utf8)))
        #expect(head.status == 200)
        #expect(await socket.waitForClose(timeout: 20))
        socket.close()
        await fixture.stop()
    }

    @Test(arguments: [
        "GET /v1/database/quickstart-chat/schema HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",  // the router's 400
        "NOT A REQUEST\r\n\r\n",  // the parser's 400
    ])
    func connectionClosesAfterA400(_ request: String) async throws {
        let fixture = try await HostFixture.start()
        let socket = try await TestSocket.connect(port: fixture.port)
        try await socket.write(Array(request.utf8))
        let head = try TestHTTPResponse.parseHead(try await socket.read(through: Array("\r\n\r\n".utf8)))
        #expect(head.status == 400)
        #expect(await socket.waitForClose(timeout: 20))
        socket.close()
        await fixture.stop()
    }

    @Test func connectionsBeyondTheCapAreRefused() async throws {
        let fixture = try await HostFixture.start { $0.maxConnections = 2 }
        let first = try await TestSocket.connect(port: fixture.port)
        let second = try await TestSocket.connect(port: fixture.port)
        // Both are admitted: each answers a request on its keep-alive connection.
        for socket in [first, second] {
            try await socket.write(Array("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            #expect(try TestHTTPResponse.parseHead(try await socket.read(through: Array("\r\n\r\n".utf8))).status == 200)
        }
        let third = try await TestSocket.connect(port: fixture.port)
        #expect(await third.waitForClose(timeout: 20))
        third.close()
        first.close()
        // Once one closes, new connections are served again (the release runs as the close is noticed).
        var served = false
        for _ in 0..<100 where !served {
            served = (try? await TestHTTPResponse.request(port: fixture.port, method: "GET", path: "/v1/ping"))?.status == 200
            if !served { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(served)
        second.close()
        await fixture.stop()
    }
}

import Foundation
import Logging
import Testing

@testable import ChatHost

/// The host accepts its own connections (``ListeningSocket``): a port in use or a name that does not
/// resolve is a `.bind` error that gives the data directory back, and a stopped host refuses
/// connections at once.
@Suite struct ListeningSocketTests {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func aPortInUseIsABindErrorAndFreesTheDataDirectory() async throws {
        let first = try await HostFixture.start()
        let directory = try TemporaryDirectory("chathost")
        var configuration = ChatHostConfiguration(dataDirectory: directory.url, port: first.port, logger: Self.quiet)
        do {
            _ = try await ChatHost.start(configuration)
            Issue.record("a second host listened on \(first.port)")
        } catch {
            guard case .bind(_, let port, let reason) = error else {
                Issue.record("expected a bind error, got \(error)")
                return
            }
            #expect(port == first.port)
            #expect(reason.contains("bind"), "\(reason)")
            #expect(error.description.hasPrefix("cannot listen on 127.0.0.1:\(first.port)"), "\(error.description)")
        }
        // The failed start released the directory: the same one serves on another port.
        configuration.port = 0
        let second = try await ChatHost.start(configuration)
        #expect(second.port != first.port)
        await second.shutdown()
        directory.remove()
        await first.stop()
    }

    @Test func anUnresolvableAddressIsABindError() async throws {
        let directory = try TemporaryDirectory("chathost")
        let configuration = ChatHostConfiguration(
            dataDirectory: directory.url, port: 0, bindAddress: "no-such-host.invalid", logger: Self.quiet)
        await #expect(throws: HostError.self) { _ = try await ChatHost.start(configuration) }
        directory.remove()
    }

    @Test func aStoppedHostRefusesConnections() async throws {
        let fixture = try await HostFixture.start()
        let port = fixture.port
        let client = try await TestSocket.connect(port: port)
        await fixture.stop()
        // The open connection is closed, and a new one is refused rather than left waiting.
        #expect(await client.waitForClose())
        client.close()
        await #expect(throws: TestSocketError.self) { _ = try await TestSocket.connect(port: port) }
    }

    @Test func stopIsSafeBeforeStartAndTwice() throws {
        let unstarted = try ListeningSocket(host: "127.0.0.1", port: 0, backlog: 1, logger: Self.quiet)
        #expect(unstarted.port > 0)
        unstarted.stop()
        unstarted.stop()
        let started = try ListeningSocket(host: "127.0.0.1", port: 0, backlog: 1, logger: Self.quiet)
        started.start { close($0) }
        started.stop()
        started.stop()
    }
}

import Foundation
import QuickstartChat
import Synchronization
import Testing
@testable import SpacetimeDB

/// A subscription's frame is freed once its rows are in the cache, before `onApplied` and the row
/// callbacks run: what an app builds in them (the chat client's log of 100k messages) does not pile
/// up on top of a 10 MB snapshot that nothing needs any more (issue 11: the client's peak RSS).
@Suite struct FrameLifetimeTests {
    typealias F = SDKFixtures

    /// A weak reference to an array's storage: the frame is freed exactly when this becomes nil.
    /// (`[UInt8]` is one reference to its storage object, which the bit cast reads; the size check
    /// of `unsafeBitCast` fails the test if that ever stops being so.)
    final class StorageWatch: Sendable {
        private struct WeakStorage {
            weak var object: AnyObject?
            var watching = false
        }
        private let storage = Mutex(WeakStorage())

        /// Starts watching `bytes`'s storage.
        func watch(_ bytes: [UInt8]) {
            storage.withLock { $0 = WeakStorage(object: unsafeBitCast(bytes, to: AnyObject.self), watching: true) }
        }

        /// Whether the watched storage was freed (false before anything is watched).
        var isFreed: Bool { storage.withLock { $0.watching && $0.object == nil } }
    }

    /// The frame of a subscription applied with 200 messages, on `version`, built from what the
    /// connection sent.
    static func appliedFrame(_ version: ProtocolVersion, transport: InMemoryTransport) throws -> [UInt8] {
        let messages = (0..<200).map { Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: Int64($0)), text: "m\($0)") }
        if version == .v1 {
            guard case .subscribeMulti(let subscribe) = try transport.sentV1().last else { throw SDKTestTimeout(what: "subscribe") }
            return F.v1Applied(queryId: subscribe.queryId.id, requestId: subscribe.requestId, [F.v1Table("message", inserts: F.rows(messages))])
        }
        guard case .subscribe(let subscribe) = try transport.sentV2().last else { throw SDKTestTimeout(what: "subscribe") }
        let applied = F.v2Applied(querySetId: subscribe.querySetId.id, requestId: subscribe.requestId, [("message", F.rows(messages))])
        return version == .v3 ? V3.encodeServerFrame([applied], requested: .none) : F.v2(applied)
    }

    @Test(arguments: [ProtocolVersion.v1, .v2, .v3])
    func aSubscriptionsFrameIsFreedBeforeItsCallbacksRun(_ version: ProtocolVersion) throws {
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder()
            .withUri("http://localhost:3000").withDatabaseName("quickstart-chat").withTransport(connector).build()
        let transport = try #require(connector.latest)
        transport.open(version)
        transport.deliver(version == .v1 ? F.v1Identity() : F.v2(F.v2Identity()))
        conn.frameTick()

        let seen = CallbackLog()
        let watch = StorageWatch()
        @Sendable func note(_ moment: String) { seen.add("\(moment) freed=\(watch.isFreed)") }
        conn.db.message.onInsert { _, message in if message.text == "m0" || message.text == "m199" { note(message.text) } }
        conn.subscriptionBuilder().onApplied { _ in note("applied") }.subscribe(["SELECT * FROM message"])

        var frame: [UInt8]? = try Self.appliedFrame(version, transport: transport)
        if let bytes = frame { watch.watch(bytes) }
        if let bytes = frame.take() { transport.deliver(bytes) }
        #expect(!watch.isFreed, "the inbox holds the frame until it is processed")
        conn.frameTick()

        #expect(seen.all == ["applied freed=true", "m0 freed=true", "m199 freed=true"])
        #expect(conn.db.message.count == 200)
    }
}

import Foundation
import Testing

@testable import ChatTerminal

/// The SDK's drain queue posts events while the UI thread polls: the inbox and its wake pipe are the
/// one place the two threads meet, so this runs them for real (and under ThreadSanitizer in CI).
@Suite("EventInbox")
struct EventInboxTests {
    struct Posted: Sendable, Equatable {
        var producer: Int
        var sequence: Int
    }

    @Test("events posted from several threads all reach the polling loop, each thread's in order")
    func postsFromManyThreadsReachTheLoop() throws {
        let producers = 4
        let perProducer = 2_000
        let inbox = EventInbox<Posted>(wakePipe: try WakePipe())
        // Stand-ins for stdin and the signal pipe: open, never written.
        let input = try WakePipe()
        let signals = try WakePipe()
        let loop = TerminalEventLoop(
            inputDescriptor: input.readDescriptor, wakePipe: inbox.wakePipe, signalDescriptor: signals.readDescriptor)

        let group = DispatchGroup()
        for producer in 0..<producers {
            DispatchQueue.global().async(group: group) {
                for sequence in 0..<perProducer { inbox.post(Posted(producer: producer, sequence: sequence)) }
            }
        }

        var received: [Posted] = []
        var timedOut = false
        // The timeout only bounds the wait should a wake-up be lost; it never decides the outcome alone.
        try loop.run(initial: .waitAtMost(milliseconds: 10_000)) { wakes in
            received += inbox.takeAll()
            if received.count == producers * perProducer { return .stop }
            if wakes.contains(.deadline) {
                timedOut = true
                return .stop
            }
            return .waitAtMost(milliseconds: 10_000)
        }
        group.wait()

        #expect(!timedOut, "the loop was not woken for \(producers * perProducer - received.count) posted events")
        #expect(received.count == producers * perProducer)
        for producer in 0..<producers {
            #expect(received.filter { $0.producer == producer }.map(\.sequence) == Array(0..<perProducer))
        }
        #expect(inbox.takeAll().isEmpty)
    }

    @Test("wake-ups coalesce: many posts, one drain, nothing left to read")
    func wakeUpsCoalesce() throws {
        let inbox = EventInbox<Int>(wakePipe: try WakePipe())
        for value in 0..<10_000 { inbox.post(value) }  // far more than the pipe holds: EAGAIN is fine
        inbox.wakePipe.drain()
        var byte: UInt8 = 0
        #expect(read(inbox.wakePipe.readDescriptor, &byte, 1) == -1 && errno == EAGAIN)
        #expect(inbox.takeAll() == Array(0..<10_000))
    }
}

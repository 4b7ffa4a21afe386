import Foundation
import Synchronization
import Testing

@testable import ChatHost

/// ``CurrentThreadName`` names the calling thread as the kernel sees it, at once, from inside a thread
/// that Foundation's `Thread.name` would leave unnamed when the thread runs ahead of `start()`.
@Suite struct CurrentThreadNameTests {
    /// The name the kernel keeps for the calling thread.
    static func ownKernelName() -> String {
        let name = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
        return (name ?? "").trimmingCharacters(in: .newlines)
    }

    /// Names a new thread `name` from inside it, and returns what the kernel then reports for it.
    static func nameSeenInside(setting name: String) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                CurrentThreadName.set(name)
                continuation.resume(returning: ownKernelName())
            }.start()
        }
    }

    @Test func theKernelSeesTheNameAtOnce() async {
        // Many threads, each naming itself first thing: none may miss (Foundation's setter misses
        // whenever a thread gets there before `start()` has returned in its parent).
        for index in 0..<50 {
            #expect(await Self.nameSeenInside(setting: "stc-name-\(index)") == "stc-name-\(index)")
        }
    }

    @Test func longNamesAreCutTo15BytesAtACharacterBoundary() async {
        #expect(await Self.nameSeenInside(setting: "abcdefghijklmnopqrstu") == "abcdefghijklmno")
        // Two bytes each: seven fit, the eighth would make 16.
        #expect(await Self.nameSeenInside(setting: "ééééééééé") == "ééééééé")
    }
}

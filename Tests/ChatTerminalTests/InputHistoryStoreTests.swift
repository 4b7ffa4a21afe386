import Foundation
import Synchronization
import Testing

@testable import ChatTerminal

/// The history file on disk: modes, atomic replacement, and unreadable or corrupt files.
@Suite("InputHistoryStore")
struct InputHistoryStoreTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stc-history-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("save then load; the file is 0600 and a directory it makes is 0700; nothing else is left")
    func saveAndLoad() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("state/spacetime-chat/input-history").path
        let store = InputHistoryStore(path: path)
        #expect(store.load().entries.isEmpty)
        #expect(store.load().problem == nil)
        try store.save(["one", "two\nlines"])
        #expect(store.load().entries == ["one", "two\nlines"])
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(root.appendingPathComponent("state/spacetime-chat").path) == 0o700)
        try store.save(["three"])
        #expect(store.load().entries == ["three"])
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("state/spacetime-chat").path)
        #expect(names == ["input-history"])
    }

    @Test("a corrupt file gives an empty history and a reason, and the next save replaces it")
    func corrupt() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("input-history").path
        try Data([0x23, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        let store = InputHistoryStore(path: path)
        let (entries, problem) = store.load()
        #expect(entries.isEmpty)
        #expect(problem?.contains("not UTF-8") == true, "\(problem ?? "")")
        try store.save(["fresh"])
        #expect(store.load() == (["fresh"], nil))
    }

    @Test("an unreadable file (a directory in its place) gives an empty history and a reason; saving fails with a reason")
    func unreadable() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("input-history").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let store = InputHistoryStore(path: path)
        let (entries, problem) = store.load()
        #expect(entries.isEmpty)
        #expect(problem != nil)
        #expect(throws: InputHistoryStoreError.self) { try store.save(["x"]) }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(leftovers == ["input-history"], "the temporary file is removed")
    }

    @Test("append merges into the file as it is: two stores on one file keep both's lines, each in its order")
    func appendMerges() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("state/input-history").path
        let one = InputHistoryStore(path: path)
        let two = InputHistoryStore(path: path)
        try one.append(["a1"])
        try two.append(["b1", "b2"])
        try one.append(["a2"])
        try two.append(["a2"])  // a repeat of the newest line is skipped, as ↑ recall does
        #expect(one.load().entries == ["a1", "b1", "b2", "a2"])
        #expect(try Self.mode(path) == 0o600)
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("state").path)
        #expect(names == ["input-history"], "no lock or temporary file is left")
    }

    @Test("appends from many threads at once all reach the file (the directory lock serialises them)")
    func concurrentAppends() async throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("input-history").path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = InputHistoryStore(path: path)
                    for line in 0..<25 { try store.append(["w\(writer)-\(line)"]) }
                }
            }
            try await group.waitForAll()
        }
        let entries = InputHistoryStore(path: path).load().entries
        #expect(entries.count == 100)
        for writer in 0..<4 {
            let own = entries.filter { $0.hasPrefix("w\(writer)-") }
            #expect(own == (0..<25).map { "w\(writer)-\($0)" }, "writer \(writer)'s lines, in order")
        }
    }

    @Test("the writer saves off the caller's thread; flush waits for every recorded line; a failure is reported")
    func writer() throws {
        let root = try Self.directory()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("input-history").path
        let failures = Mutex<[InputHistoryStoreError]>([])
        let writer = InputHistoryWriter(store: InputHistoryStore(path: path)) { error in failures.withLock { $0.append(error) } }
        for line in ["one", "two", "two", "three"] { writer.record(line) }
        writer.flush()
        #expect(InputHistoryStore(path: path).load().entries == ["one", "two", "three"])
        #expect(failures.withLock { $0 }.isEmpty)

        let blocked = root.appendingPathComponent("blocked").path
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        let failing = InputHistoryWriter(store: InputHistoryStore(path: blocked)) { error in failures.withLock { $0.append(error) } }
        failing.record("lost from disk")
        failing.flush()
        #expect(failures.withLock { $0.count } == 1, "a directory in the file's place cannot be replaced")
    }
}

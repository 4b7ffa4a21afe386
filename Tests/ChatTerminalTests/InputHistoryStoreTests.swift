import Foundation
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
}

import Foundation
import Testing
@testable import SpacetimeDB

@Suite struct CredentialsTests {
    /// A fresh directory standing in for `$HOME`.
    func temporaryHome() throws -> String {
        let path = NSTemporaryDirectory() + "spacetime-credentials-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func roundTripWritesTheRustSDKFormatWithPrivatePermissions() throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let store = CredentialsFile("quickstart-chat", homeDirectory: home)
        try store.save("tok")
        #expect(try store.load() == "tok")
        let path = home + "/.spacetimedb_client_credentials/quickstart-chat"
        #expect(try store.path() == path)
        // BSATN of `Credentials { token: "tok" }`: u32 length, then the UTF-8 bytes (spec §9).
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == [3, 0, 0, 0, 0x74, 0x6F, 0x6B])
        #expect(try mode(path) == 0o600)
        #expect(try mode(home + "/.spacetimedb_client_credentials") == 0o700)
        try store.save("a longer token ✓")
        #expect(try store.load() == "a longer token ✓")
        #expect(try mode(path) == 0o600)
    }

    @Test func missingFileLoadsAsNil() throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(try CredentialsFile("nothing-here", homeDirectory: home).load() == nil)
    }

    @Test(arguments: [[UInt8]([]), [5, 0, 0, 0, 0x61], [1, 0, 0, 0, 0xFF], [1, 0, 0, 0, 0x61, 0x62]])
    func corruptFileIsATypedError(contents: [UInt8]) throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let store = CredentialsFile("bad", homeDirectory: home)
        try FileManager.default.createDirectory(atPath: try store.directoryPath(), withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: try store.path(), contents: Data(contents)))
        #expect {
            _ = try store.load()
        } throws: { error in
            guard case .corrupt(let path, _) = error as? CredentialsError else { return false }
            return path.hasSuffix("/bad")
        }
    }

    @Test func homeComesFromTheEnvironmentAndKeysMustBeFileNames() throws {
        let store = CredentialsFile("quickstart-chat")
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            #expect(try store.path() == home + "/.spacetimedb_client_credentials/quickstart-chat")
        }
        #expect(throws: CredentialsError.invalidKey("../x")) { try CredentialsFile("../x", homeDirectory: "/tmp").path() }
        #expect(throws: CredentialsError.invalidKey("")) { try CredentialsFile("", homeDirectory: "/tmp").path() }
        #expect(throws: CredentialsError.noHomeDirectory) { try CredentialsFile("k", homeDirectory: "").path() }
    }

    @Test func clearRemovesTheToken() throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let store = CredentialsFile("k", homeDirectory: home)
        try store.save("t")
        try store.clear()
        #expect(try store.load() == nil)
        try store.clear()
    }
}

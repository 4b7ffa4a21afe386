import ChatHost
import Foundation
import NIOSSL
import QuickstartChat
import Testing
@testable import SpacetimeDB

/// `https://` URIs become `wss://`: the SDK against the local host serving TLS with a throwaway certificate.
@Suite(.timeLimit(.minutes(1))) struct TransportTLSTests {
    /// Makes a self-signed certificate for 127.0.0.1 with the openssl tool; nil when it is missing.
    static func makeCertificate(in directory: URL) throws -> (certificate: String, key: String)? {
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? (certificate, key) : nil
    }

    @Test func wssWithATrustedCertificate() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sdk-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let (certificate, key) = try Self.makeCertificate(in: directory) else {
            Issue.record("openssl could not make a test certificate")
            return
        }
        let host = try await ChatHost.start(ChatHostConfiguration(
            dataDirectory: directory.appendingPathComponent("data"), port: 0, tlsCertificatePath: certificate, tlsKeyPath: key))
        #expect(host.url.hasPrefix("https://"))
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        let log = CallbackLog()
        let conn = try DbConnection.builder().withUri(host.url).withDatabaseName("quickstart-chat")
            .withTransport(NIOWebSocketConnector(tlsConfiguration: tls))
            .onConnect { _, _, _ in log.add("connected") }
            .onConnectError { _, error in log.add("error \(error)") }
            .build()
        conn.subscriptionBuilder().onApplied { _ in log.add("applied") }.subscribe("SELECT * FROM user")
        conn.runThreaded()
        try await waitUntil("applied over TLS") { log.all.contains("applied") || log.all.contains { $0.hasPrefix("error") } }
        #expect(log.all == ["connected", "applied"])
        #expect(conn.db.user.count == 1)

        // Without trusting the certificate the connection is refused.
        let refused = CallbackLog()
        let untrusting = try DbConnection.builder().withUri(host.url).withDatabaseName("quickstart-chat")
            .onConnectError { _, error in refused.add("\(error)") }
            .build()
        untrusting.runThreaded()
        try await waitUntil("the TLS failure") { !refused.all.isEmpty }
        conn.disconnect()
        await host.shutdown()
    }
}

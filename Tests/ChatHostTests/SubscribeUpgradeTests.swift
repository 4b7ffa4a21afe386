import ChatHost
import Crypto
import Foundation
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct SubscribeUpgradeTests {
    func upgrade(_ fixture: HostFixture, path: String, protocols: [String], headers: [(String, String)] = []) async throws
        -> TestHTTPResponse
    {
        let (response, client) = try await TestWebSocketClient.connect(
            port: fixture.port, path: path, protocols: protocols, headers: headers)
        client?.close()
        return response
    }

    @Test func serverPreferenceOrderPicksTheProtocol() async throws {
        let fixture = try await HostFixture.start()
        let path = "/v1/database/quickstart-chat/subscribe"
        let all = try await upgrade(fixture, path: path, protocols: ["v1.bsatn.spacetimedb", "v2.bsatn.spacetimedb", "v3.bsatn.spacetimedb"])
        let v1v2 = try await upgrade(fixture, path: path, protocols: ["v1.bsatn.spacetimedb", "v2.bsatn.spacetimedb"])
        let v1 = try await upgrade(fixture, path: path, protocols: ["v1.bsatn.spacetimedb"])
        await fixture.stop()
        #expect(all.status == 101 && all.headers["sec-websocket-protocol"] == "v3.bsatn.spacetimedb")
        #expect(v1v2.headers["sec-websocket-protocol"] == "v2.bsatn.spacetimedb")
        #expect(v1.headers["sec-websocket-protocol"] == "v1.bsatn.spacetimedb")
        #expect(v1.headers["spacetime-identity"]?.hasPrefix("c200") == true)
        #expect(v1.headers["spacetime-identity-token"]?.split(separator: ".").count == 3)
    }

    @Test func refusalsHappenBeforeTheUpgrade() async throws {
        let fixture = try await HostFixture.start()
        let path = "/v1/database/quickstart-chat/subscribe"
        let noProtocol = try await upgrade(fixture, path: path, protocols: [])
        let jsonOnly = try await upgrade(fixture, path: path, protocols: ["v1.json.spacetimedb"])
        let unknownDatabase = try await upgrade(fixture, path: "/v1/database/nope/subscribe", protocols: ["v1.bsatn.spacetimedb"])
        let zeroConnection = try await upgrade(
            fixture, path: path + "?connection_id=00000000000000000000000000000000", protocols: ["v1.bsatn.spacetimedb"])
        let malformed = try await upgrade(
            fixture, path: path, protocols: ["v1.bsatn.spacetimedb"], headers: [("Authorization", "Bearer not-a-jwt")])
        let foreign = TokenAuthority(privateKey: P256.Signing.PrivateKey()).mintAnonymous().token
        let unauthorized = try await upgrade(
            fixture, path: path + "?token=\(foreign)", protocols: ["v1.bsatn.spacetimedb"])
        let badCompression = try await upgrade(fixture, path: path + "?compression=zstd", protocols: ["v1.bsatn.spacetimedb"])
        await fixture.stop()
        #expect(noProtocol.status == 400 && noProtocol.text == "no valid protocol selected")
        #expect(jsonOnly.status == 400 && jsonOnly.text == "no valid protocol selected")
        #expect(unknownDatabase.status == 404)
        #expect(zeroConnection.status == 400)
        #expect(zeroConnection.text == "Invalid connection ID: the all-zeros ConnectionId is reserved.")
        #expect(malformed.status == 400 && malformed.text == "Authorization is invalid: malformed token")
        #expect(unauthorized.status == 401 && unauthorized.text == "Invalid token: InvalidSignature")
        #expect(badCompression.status == 400)
    }

    @Test func tokenIdentityAndConnectionIdAreUsed() async throws {
        let fixture = try await HostFixture.start()
        let minted = try await TestHTTPResponse.request(port: fixture.port, method: "POST", path: "/v1/identity")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(minted.body)) as? [String: String])
        let token = try #require(json["token"])
        // Bearer wins over ?token= (which here is garbage).
        let (client, identityToken) = try await fixture.connectV1(
            query: "compression=None&token=garbage&connection_id=00112233445566778899aabbccddeeff",
            headers: [("Authorization", "Bearer \(token)")])
        client.close()
        await fixture.stop()
        #expect(identityToken.identity.hexString == json["identity"])
        #expect(identityToken.token == token)
        #expect(identityToken.connectionId.hexString == "00112233445566778899aabbccddeeff")
        #expect(client.response.headers["spacetime-identity"] == json["identity"])
    }
}

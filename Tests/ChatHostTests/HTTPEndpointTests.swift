import ChatHost
import Crypto
import Foundation
import SpacetimeDB
import Testing

@Suite struct HTTPEndpointTests {
    @Test func pingAnswersEmpty200() async throws {
        let fixture = try await HostFixture.start()
        let response = try await TestHTTPResponse.request(port: fixture.port, method: "GET", path: "/v1/ping")
        await fixture.stop()
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func postIdentityMintsAToken() async throws {
        let fixture = try await HostFixture.start()
        let response = try await TestHTTPResponse.request(port: fixture.port, method: "POST", path: "/v1/identity")
        let keyResponse = try await TestHTTPResponse.request(port: fixture.port, method: "GET", path: "/v1/identity/public-key")
        await fixture.stop()
        #expect(response.status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: String])
        let identity = try #require(json["identity"])
        let token = try #require(json["token"])
        #expect(identity.count == 64 && identity.hasPrefix("c200"))
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        // The token verifies with the published key, and its claims derive the returned identity.
        #expect(keyResponse.status == 200)
        #expect(keyResponse.headers["content-type"] == "application/pem-certificate-chain")
        let key = try P256.Signing.PublicKey(pemRepresentation: keyResponse.text)
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: try #require(decodeBase64URL(parts[2])))
        #expect(key.isValidSignature(signature, for: Array((parts[0] + "." + parts[1]).utf8)))
        let payloadBytes = try #require(decodeBase64URL(parts[1]))
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any])
        #expect(payload["hex_identity"] as? String == identity)
        #expect(payload["iss"] as? String == "localhost")
        #expect(payload["aud"] as? [String] == ["spacetimedb"])
        #expect(payload["exp"] is NSNull)
        let subject = try #require(payload["sub"] as? String)
        #expect(Identity.fromClaims(issuer: "localhost", subject: subject).hexString == identity)
    }

    @Test func websocketTokenNeedsBearerAndExpiresIn60Seconds() async throws {
        let fixture = try await HostFixture.start()
        let minted = try await TestHTTPResponse.request(port: fixture.port, method: "POST", path: "/v1/identity")
        let token = try #require(
            (try JSONSerialization.jsonObject(with: Data(minted.body)) as? [String: String])?["token"])
        let missing = try await TestHTTPResponse.request(port: fixture.port, method: "POST", path: "/v1/identity/websocket-token")
        let malformed = try await TestHTTPResponse.request(
            port: fixture.port, method: "POST", path: "/v1/identity/websocket-token", headers: [("Authorization", "Basic abc")])
        let good = try await TestHTTPResponse.request(
            port: fixture.port, method: "POST", path: "/v1/identity/websocket-token",
            headers: [("Authorization", "Bearer \(token)")])
        await fixture.stop()
        #expect(missing.status == 401)
        #expect(missing.text == "Authorization required")
        #expect(malformed.status == 400)
        #expect(malformed.text == "Authorization is invalid: malformed token")
        #expect(good.status == 200)
        let short = try #require((try JSONSerialization.jsonObject(with: Data(good.body)) as? [String: String])?["token"])
        let payloadBytes = try #require(decodeBase64URL(short.split(separator: ".")[1]))
        let payload = try #require(try JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any])
        let issued = try #require((payload["iat"] as? NSNumber)?.int64Value)
        let expires = try #require((payload["exp"] as? NSNumber)?.int64Value)
        #expect(expires - issued == 60)
    }

    @Test func schemaIsTheModulesRawModuleDefV9() async throws {
        let fixture = try await HostFixture.start()
        let byName = try await TestHTTPResponse.request(
            port: fixture.port, method: "GET", path: "/v1/database/quickstart-chat/schema?version=9")
        let byIdentity = try await TestHTTPResponse.request(
            port: fixture.port, method: "GET", path: "/v1/database/\(fixture.host.databaseIdentity.hexString)/schema?version=9")
        let noVersion = try await TestHTTPResponse.request(
            port: fixture.port, method: "GET", path: "/v1/database/quickstart-chat/schema")
        let unknown = try await TestHTTPResponse.request(
            port: fixture.port, method: "GET", path: "/v1/database/other/schema?version=9")
        await fixture.stop()
        #expect(byName.status == 200)
        #expect(byName.headers["content-type"] == "application/json")
        // Byte for byte the schema the generator's golden output (Sources/QuickstartChat) is made from.
        let generatorFixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SpacetimeCodegenTests/Fixtures/quickstart-chat.schema-v9.json")
        #expect(byName.body == [UInt8](try Data(contentsOf: generatorFixture)))
        #expect(byName.headers["spacetime-identity"]?.count == 64)
        #expect(byName.headers["spacetime-identity-token"]?.split(separator: ".").count == 3)
        #expect(byIdentity.status == 200 && byIdentity.body == byName.body)
        #expect(noVersion.status == 400)
        #expect(unknown.status == 404)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(byName.body)) as? [String: Any])
        #expect(Set(json.keys) == ["typespace", "tables", "reducers", "types", "misc_exports", "row_level_security"])
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.map { $0["name"] as? String } == ["message", "user"])
        let user = try #require(tables.last)
        #expect(user["primary_key"] as? [Int] == [0])
        #expect((user["table_access"] as? [String: Any])?.keys.first == "Public")
        let indexes = try #require(user["indexes"] as? [[String: Any]])
        // `RawIndexAlgorithm::BTree { columns }` has one named field, which SATS writes as the value
        // alone (crates/bindings-macro/src/sats.rs, `variant_data`): {"BTree":[0]}.
        #expect((indexes.first?["algorithm"] as? [String: Any])?["BTree"] as? [Int] == [0])
        let reducers = try #require(json["reducers"] as? [[String: Any]])
        let lifecycles = Dictionary(
            uniqueKeysWithValues: reducers.map { reducer in
                (reducer["name"] as? String ?? "", (reducer["lifecycle"] as? [String: Any])?.keys.first ?? "")
            })
        #expect(
            lifecycles == [
                "identity_connected": "some", "identity_disconnected": "some", "init": "some", "send_message": "none",
                "set_name": "none",
            ])
        let typespace = try #require((json["typespace"] as? [String: Any])?["types"] as? [[String: Any]])
        #expect(typespace.count == 2)
    }

    @Test func unknownPathsAre404() async throws {
        let fixture = try await HostFixture.start()
        let response = try await TestHTTPResponse.request(port: fixture.port, method: "GET", path: "/v1/nothing-here")
        let root = try await TestHTTPResponse.request(port: fixture.port, method: "GET", path: "/")
        await fixture.stop()
        #expect(response.status == 404)
        #expect(root.status == 404)
    }
}

/// Decodes unpadded base64url (JWT segments).
func decodeBase64URL(_ text: Substring) -> [UInt8]? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64).map { [UInt8]($0) }
}

import Crypto
import Foundation
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct TokenAuthorityTests {
    let authority = TokenAuthority(privateKey: P256.Signing.PrivateKey())

    func payloadJSON(of token: String) throws -> String {
        let parts = token.split(separator: ".")
        try #require(parts.count == 3)
        let bytes = try #require(Base64URL.decode(parts[1]))
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func mintedTokenHasSpacetimeDBClaimsInOrder() throws {
        let now = Date(timeIntervalSince1970: 1_737_665_769)
        let (claims, token) = authority.mintAnonymous(now: now)
        let payload = try payloadJSON(of: token)
        let expected = #"{"hex_identity":""# + claims.identity.hexString + #"","sub":""# + claims.subject
            + #"","iss":"localhost","aud":["spacetimedb"],"iat":1737665769,"exp":null}"#
        #expect(payload == expected)
        #expect(UUID(uuidString: claims.subject) != nil)
        #expect(claims.identity == Identity.fromClaims(issuer: "localhost", subject: claims.subject))
        let header = try #require(Base64URL.decode(token.split(separator: ".")[0]))
        #expect(String(decoding: header, as: UTF8.self) == #"{"typ":"JWT","alg":"ES256"}"#)
        #expect(try authority.validate(token, now: now) == claims)
    }

    @Test func reSignedTokenExpiresAfterItsLifetime() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let (claims, _) = authority.mintAnonymous(now: now)
        let (short, token) = authority.reSign(claims, lifetime: 60, now: now)
        #expect(short.expiresAt == 1_800_000_060)
        #expect(short.identity == claims.identity)
        #expect(try authority.validate(token, now: now).identity == claims.identity)
        // jsonwebtoken's 60 s leeway, then refused.
        #expect(throws: TokenValidationError.expired) {
            try authority.validate(token, now: now.addingTimeInterval(121))
        }
    }

    @Test func foreignSignatureIsUnauthorized() throws {
        let other = TokenAuthority(privateKey: P256.Signing.PrivateKey())
        let (_, token) = other.mintAnonymous()
        #expect(throws: TokenValidationError.invalidSignature) { try authority.validate(token) }
        #expect(TokenValidationError.invalidSignature.httpStatus == 401)
    }

    @Test func identityMismatchIsUnauthorized() throws {
        var claims = authority.mintAnonymous().claims
        claims.identity = Identity.fromClaims(issuer: "localhost", subject: "someone-else")
        let token = authority.sign(claims)
        #expect {
            try authority.validate(token)
        } throws: { error in
            guard case .identityMismatch = error as? TokenValidationError else { return false }
            return (error as? TokenValidationError)?.httpStatus == 401
        }
    }

    @Test(arguments: ["", "abc", "a.b", "a.b.c", "!!.??.**", "e30.e30"])
    func garbageIsMalformed(token: String) {
        #expect(throws: TokenValidationError.malformed) { try authority.validate(token) }
        #expect(TokenValidationError.malformed.description == "Authorization is invalid: malformed token")
        #expect(TokenValidationError.malformed.httpStatus == 400)
    }

    @Test func keyIsCreatedOnceWithMode0600() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try TokenAuthority(loadingOrCreatingIn: directory)
        let path = directory.appendingPathComponent(TokenAuthority.keyFileName).path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try TokenAuthority(loadingOrCreatingIn: directory)
        #expect(first.publicKeyPEM == second.publicKeyPEM)
        let (claims, token) = first.mintAnonymous()
        #expect(try second.validate(token).identity == claims.identity)
        #expect(first.publicKeyPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
    }
}

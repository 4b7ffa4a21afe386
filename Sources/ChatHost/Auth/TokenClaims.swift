import Foundation
import SpacetimeDB

/// The claims of a SpacetimeDB identity token, in the order SpacetimeDB serializes them:
/// `hex_identity, sub, iss, aud, iat, exp`.
public struct TokenClaims: Sendable, Equatable {
    /// The identity derived from issuer and subject.
    public var identity: Identity
    /// The token's subject (`sub`); a UUIDv4 string for minted tokens.
    public var subject: String
    /// The token's issuer (`iss`); `localhost` for tokens this host mints.
    public var issuer: String
    /// The audience (`aud`); `["spacetimedb"]` for minted tokens.
    public var audience: [String]
    /// Issued-at, whole seconds since the Unix epoch (`iat`).
    public var issuedAt: Int64
    /// Expiry in seconds since the Unix epoch (`exp`), or nil: minted tokens never expire.
    public var expiresAt: Int64?

    /// Creates claims whose identity is derived from `issuer` and `subject`.
    public init(subject: String, issuer: String, audience: [String], issuedAt: Int64, expiresAt: Int64?) {
        self.identity = Identity.fromClaims(issuer: issuer, subject: subject)
        self.subject = subject
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    /// The JSON payload exactly as SpacetimeDB writes it (keys in this order, `exp` null when absent).
    var jsonPayload: String {
        let audienceJSON = audience.map(TokenClaims.jsonString).joined(separator: ",")
        let expiry = expiresAt.map(String.init) ?? "null"
        return "{\"hex_identity\":\"\(identity.hexString)\",\"sub\":\(TokenClaims.jsonString(subject)),"
            + "\"iss\":\(TokenClaims.jsonString(issuer)),\"aud\":[\(audienceJSON)],\"iat\":\(issuedAt),\"exp\":\(expiry)}"
    }

    /// A JSON string literal for `value`, escaped as serde_json escapes.
    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

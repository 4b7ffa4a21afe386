import Foundation

/// Who a request authenticates as: from a valid token, or freshly minted for an anonymous caller.
struct RequestAuth: Sendable {
    var claims: TokenClaims
    var token: String
    var minted: Bool

    /// The `spacetime-identity` / `spacetime-identity-token` headers SpacetimeDB adds.
    var identityHeaders: [(String, String)] {
        [("spacetime-identity", claims.identity.hexString), ("spacetime-identity-token", token)]
    }

    /// Reads `Authorization: Bearer` (which wins) or `?token=`; nil when neither is present.
    static func credentials(authorization: String?, query: [String: String]) throws(TokenValidationError) -> String? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { throw .malformed }
            return String(parts[1]).trimmingCharacters(in: .whitespaces)
        }
        return query["token"]
    }

    /// Validates presented credentials, or mints an identity when there are none (`anon_auth_middleware`).
    static func resolve(
        authorization: String?, query: [String: String], authority: TokenAuthority
    ) -> Result<RequestAuth, TokenValidationError> {
        do {
            guard let token = try credentials(authorization: authorization, query: query) else {
                let minted = authority.mintAnonymous()
                return .success(RequestAuth(claims: minted.claims, token: minted.token, minted: true))
            }
            return .success(RequestAuth(claims: try authority.validate(token), token: token, minted: false))
        } catch {
            return .failure(error)
        }
    }
}

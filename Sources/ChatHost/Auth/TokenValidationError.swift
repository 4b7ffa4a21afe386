/// Why a presented token was refused, with the HTTP status and body SpacetimeDB answers with.
public enum TokenValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The `Authorization` header was not `Bearer <token>`, or the token is not a decodable JWT.
    case malformed
    /// The signature does not verify with this host's key.
    case invalidSignature
    /// The token's `exp` has passed.
    case expired
    /// A required claim (`sub` or `iss`) is missing or has the wrong type.
    case missingClaim(String)
    /// The JWT header names an algorithm other than ES256.
    case unsupportedAlgorithm(String)
    /// `iss` or `sub` is empty or longer than 128 bytes.
    case invalidClaim(String)
    /// `hex_identity` does not equal the identity derived from `iss` and `sub`.
    case identityMismatch(token: String, computed: String)

    /// The HTTP status SpacetimeDB answers with: 400 for malformed tokens, 401 otherwise.
    public var httpStatus: Int {
        switch self {
        case .malformed: return 400
        default: return 401
        }
    }

    /// The response body, worded as SpacetimeDB 2.x words it (`Display` of its errors).
    public var description: String {
        switch self {
        case .malformed: return "Authorization is invalid: malformed token"
        case .invalidSignature: return "Invalid token: InvalidSignature"
        case .expired: return "Invalid token: ExpiredSignature"
        case .missingClaim(let claim): return "Invalid token: Missing required claim: \(claim)"
        case .unsupportedAlgorithm: return "Invalid token: InvalidAlgorithm"
        case .invalidClaim(let reason): return reason
        case .identityMismatch(let token, let computed):
            return "Identity mismatch: token identity \(token) does not match computed identity \(computed)"
        }
    }
}

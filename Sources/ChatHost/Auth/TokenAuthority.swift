import Crypto
import Foundation
import SpacetimeDB

/// Mints and validates ES256 identity tokens the way a standalone SpacetimeDB does.
///
/// The P-256 signing key is created once and kept in the data directory (file mode 0600), so tokens
/// stay valid across restarts of the host.
public struct TokenAuthority: Sendable {
    /// The issuer of every token this host mints; a standalone SpacetimeDB uses `localhost`.
    public static let localIssuer = "localhost"
    /// The file in the data directory that holds the PEM private key.
    public static let keyFileName = "jwt-signing-key.pem"
    /// Clock skew tolerated when checking `exp` (jsonwebtoken's default leeway, which SpacetimeDB keeps).
    public static let expiryLeewaySeconds: Int64 = 60

    /// The key's raw scalar; `P256.Signing.PrivateKey` is not `Sendable`, so it is rebuilt on use.
    let privateKeyBytes: Data

    var privateKey: P256.Signing.PrivateKey {
        // The bytes came from a valid key, so this cannot fail; a fresh key would only fail validation.
        (try? P256.Signing.PrivateKey(rawRepresentation: privateKeyBytes)) ?? P256.Signing.PrivateKey()
    }

    /// The public key as a PEM file, as `GET /v1/identity/public-key` serves it.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation + "\n" }

    /// Uses an existing key.
    public init(privateKey: P256.Signing.PrivateKey) {
        self.privateKeyBytes = privateKey.rawRepresentation
    }

    /// Loads the key from `directory`, creating it (mode 0600) on first use.
    public init(loadingOrCreatingIn directory: URL) throws(HostError) {
        let path = directory.appendingPathComponent(TokenAuthority.keyFileName).path
        if FileManager.default.fileExists(atPath: path) {
            do {
                let pem = try String(contentsOfFile: path, encoding: .utf8)
                privateKeyBytes = try P256.Signing.PrivateKey(pemRepresentation: pem).rawRepresentation
            } catch {
                throw .signingKey(path: path, reason: "cannot read the key: \(error)")
            }
            return
        }
        let key = P256.Signing.PrivateKey()
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw .signingKey(path: path, reason: "cannot create the key file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array((key.pemRepresentation + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw .signingKey(path: path, reason: "cannot write the key file: \(String(cString: strerror(errno)))")
        }
        privateKeyBytes = key.rawRepresentation
    }

    /// Mints a token for a brand-new identity: a random UUIDv4 subject, issuer `localhost`, no expiry.
    public func mintAnonymous(now: Date = Date()) -> (claims: TokenClaims, token: String) {
        let claims = TokenClaims(
            subject: UUID().uuidString.lowercased(), issuer: TokenAuthority.localIssuer, audience: ["spacetimedb"],
            issuedAt: Int64(now.timeIntervalSince1970), expiresAt: nil)
        return (claims, sign(claims))
    }

    /// Re-signs the same subject, issuer and audience with a fresh `iat` and an expiry `lifetime` seconds out.
    public func reSign(_ claims: TokenClaims, lifetime: Int64, now: Date = Date()) -> (claims: TokenClaims, token: String) {
        let issued = Int64(now.timeIntervalSince1970)
        let renewed = TokenClaims(
            subject: claims.subject, issuer: claims.issuer, audience: claims.audience, issuedAt: issued,
            expiresAt: issued + lifetime)
        return (renewed, sign(renewed))
    }

    /// Signs `claims` as an ES256 JWT.
    public func sign(_ claims: TokenClaims) -> String {
        // jsonwebtoken's `Header::new(ES256)` serializes as {"typ":"JWT","alg":"ES256"}.
        let header = Base64URL.encode(Array("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".utf8))
        let payload = Base64URL.encode(Array(claims.jsonPayload.utf8))
        let signingInput = header + "." + payload
        // Signing with a valid in-memory key does not fail; an empty signature would only fail validation.
        let signature = (try? privateKey.signature(for: Array(signingInput.utf8)).rawRepresentation) ?? Data()
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Validates a token signed by this host and returns its claims.
    public func validate(_ token: String, now: Date = Date()) throws(TokenValidationError) -> TokenClaims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]),
            let payloadBytes = Base64URL.decode(parts[1]), let signatureBytes = Base64URL.decode(parts[2]),
            let header = try? JSONSerialization.jsonObject(with: Data(headerBytes)) as? [String: Any],
            let payload = try? JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any]
        else {
            throw .malformed
        }
        guard let algorithm = header["alg"] as? String else { throw .malformed }
        guard algorithm == "ES256" else { throw .unsupportedAlgorithm(algorithm) }
        guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signatureBytes),
            privateKey.publicKey.isValidSignature(signature, for: Array((parts[0] + "." + parts[1]).utf8))
        else {
            throw .invalidSignature
        }
        if let exp = payload["exp"], !(exp is NSNull) {
            guard let expiry = TokenAuthority.integer(exp) else { throw .malformed }
            if expiry + TokenAuthority.expiryLeewaySeconds < Int64(now.timeIntervalSince1970) { throw .expired }
        }
        guard let subject = payload["sub"] as? String else { throw .missingClaim("sub") }
        guard let issuer = payload["iss"] as? String else { throw .missingClaim("iss") }
        if issuer.utf8.count > 128 { throw .invalidClaim("Issuer too long: \(TokenClaims.jsonString(issuer))") }
        if subject.utf8.count > 128 { throw .invalidClaim("Subject too long: \(TokenClaims.jsonString(subject))") }
        if issuer.isEmpty { throw .invalidClaim("Issuer empty") }
        if subject.isEmpty { throw .invalidClaim("Subject empty") }
        let audience: [String]
        switch payload["aud"] {
        case let single as String: audience = [single]
        case let many as [String]: audience = many
        default: audience = []
        }
        let issuedAt = payload["iat"].flatMap(TokenAuthority.integer) ?? 0
        let expiresAt = payload["exp"].flatMap(TokenAuthority.integer)
        let claims = TokenClaims(
            subject: subject, issuer: issuer, audience: audience, issuedAt: issuedAt, expiresAt: expiresAt)
        if let hex = payload["hex_identity"] as? String {
            guard let claimed = Identity(hex: hex.lowercased()) else { throw .malformed }
            if claimed != claims.identity {
                throw .identityMismatch(token: claimed.hexString, computed: claims.identity.hexString)
            }
        }
        return claims
    }

    static func integer(_ value: Any) -> Int64? {
        if let number = value as? NSNumber, !(value is Bool) {
            let double = number.doubleValue
            guard double.isFinite, double > -9.2e18, double < 9.2e18 else { return nil }
            return Int64(double)
        }
        return nil
    }
}

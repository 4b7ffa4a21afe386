import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct IdentityDerivationTests {
    /// alice is cross-checked against a token minted by a real server; bob and carol come from the vectors README.
    @Test(arguments: [
        ("6d4b5430-00cf-4a99-932c-ad2d07bab841", "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975"),
        ("0b7c2d4e-5f61-4a8b-9c0d-1e2f3a4b5c6d", "c200945d7088bdc077a73370304d83026d3dfd58b7ac85579f2300b738a3ec08"),
        ("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "c20084ae59435ca1867d5022eb9dc99edea8369062e328ee989bb5ee33076d24"),
    ])
    func derivesSpacetimeDBIdentity(subject: String, expected: String) {
        #expect(Identity.fromClaims(issuer: "localhost", subject: subject).hexString == expected)
    }

    @Test func issuerChangesTheIdentity() {
        let local = Identity.fromClaims(issuer: "localhost", subject: "x")
        let other = Identity.fromClaims(issuer: "https://auth.example", subject: "x")
        #expect(local != other)
        #expect(local.hexString.hasPrefix("c200"))
        #expect(other.hexString.hasPrefix("c200"))
    }
}

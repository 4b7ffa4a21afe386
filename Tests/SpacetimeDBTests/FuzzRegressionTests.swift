import Testing

@testable import SpacetimeDB

/// Inputs the fuzz targets (`scripts/fuzz.sh`) crashed on, each kept as a test of the fix.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// `bsatn` target, `Array<()>`: a count of 2^32 - 1 with no element bytes hung growing a 4 GB array.
    @Test func anArrayOfUnitsCannotClaimBillionsOfElements() {
        let input: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: BSATNDecodingError.self) { try [BSATNUnit](bsatnBytes: Array(input.prefix(4))) }
        var reader = BSATNReader(input)
        #expect(throws: BSATNDecodingError.self) { try reader.readArray(of: BSATNUnit.self) }
    }

    @Test func realisticArraysOfUnitsStillDecode() throws {
        #expect(try [BSATNUnit](bsatnBytes: [3, 0, 0, 0]) == [BSATNUnit(), BSATNUnit(), BSATNUnit()])
        let limit = UInt32(BSATNReader.maxZeroByteElements)
        let atLimit = try [BSATNUnit](bsatnBytes: limit.bsatnBytes())
        #expect(atLimit.count == Int(limit))
        #expect(throws: BSATNDecodingError.self) {
            try [BSATNUnit](bsatnBytes: (limit + 1).bsatnBytes())
        }
        // Elements that take bytes are bounded by the bytes, as before: a short array is a truncation.
        #expect(throws: BSATNDecodingError.self) { try [UInt8](bsatnBytes: [0xFF, 0xFF, 0xFF, 0xFF, 1]) }
    }
}

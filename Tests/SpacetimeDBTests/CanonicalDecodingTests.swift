import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The cache keeps rows decoded and finds them again by re-encoding (``RefCountedRows``), which is
/// exact only if decoding is canonical: whatever bytes decode, re-encode to the same bytes. Seeded
/// mutations (flipped, cut, inserted and appended bytes) of valid rows check that, for the quickstart
/// rows and a row using every reader primitive.
@Suite struct CanonicalDecodingTests {
    /// A row type touching each kind of value the reader decodes.
    struct Mixed: BSATNCodable {
        var flag: Bool
        var text: String
        var maybe: Int32?
        var list: [UInt16]
        var real: Double
        var outcome: BSATNResult<UInt8, String>
        var who: Identity
        var when: Timestamp
        var blob: [UInt8]

        func encode(to writer: inout BSATNWriter) {
            flag.encode(to: &writer)
            text.encode(to: &writer)
            maybe.encode(to: &writer)
            list.encode(to: &writer)
            real.encode(to: &writer)
            outcome.encode(to: &writer)
            who.encode(to: &writer)
            when.encode(to: &writer)
            blob.encode(to: &writer)
        }

        init(flag: Bool, text: String, maybe: Int32?, list: [UInt16], real: Double, outcome: BSATNResult<UInt8, String>,
             who: Identity, when: Timestamp, blob: [UInt8]) {
            (self.flag, self.text, self.maybe, self.list, self.real) = (flag, text, maybe, list, real)
            (self.outcome, self.who, self.when, self.blob) = (outcome, who, when, blob)
        }

        init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            flag = try Bool(bsatn: &reader)
            text = try String(bsatn: &reader)
            maybe = try Optional<Int32>(bsatn: &reader)
            list = try [UInt16](bsatn: &reader)
            real = try Double(bsatn: &reader)
            outcome = try BSATNResult(bsatn: &reader)
            who = try Identity(bsatn: &reader)
            when = try Timestamp(bsatn: &reader)
            blob = try [UInt8](bsatn: &reader)
        }
    }

    static let seeds: [[UInt8]] = [
        Message(sender: SDKFixtures.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381), text: "héllo 🎉").bsatnBytes(),
        User(identity: SDKFixtures.other, name: "Ann", online: true).bsatnBytes(),
        User(identity: SDKFixtures.other, name: nil, online: false).bsatnBytes(),
        Mixed(flag: true, text: "漢字", maybe: -7, list: [1, 65535], real: -0.0, outcome: .err("no"),
              who: SDKFixtures.me, when: Timestamp(microsecondsSinceUnixEpoch: -5), blob: [0, 255]).bsatnBytes(),
        Mixed(flag: false, text: "", maybe: nil, list: [], real: .nan, outcome: .ok(3),
              who: SDKFixtures.other, when: Timestamp(microsecondsSinceUnixEpoch: 0), blob: []).bsatnBytes(),
    ]

    func mutations(of bytes: [UInt8], seed: UInt64) -> [[UInt8]] {
        var random = RowHashIndexTests.SplitMix(state: seed)
        var result: [[UInt8]] = []
        for _ in 0..<2_000 {
            var mutated = bytes
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0...mutated.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0 where at < mutated.count: mutated[at] = UInt8.random(in: 0...255, using: &random)
                case 1 where at < mutated.count: mutated[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                case 2: mutated.insert(UInt8.random(in: 0...255, using: &random), at: at)
                default: mutated.removeLast(Int.random(in: 0...min(3, mutated.count), using: &random))
                }
            }
            result.append(mutated)
        }
        return result
    }

    func check<Row: BSATNCodable>(_: Row.Type, _ inputs: [[UInt8]]) -> Int {
        var decoded = 0
        for input in inputs {
            guard let row = try? Row(bsatnBytes: input) else { continue }
            decoded += 1
            #expect(row.bsatnBytes() == input, "decoded \(input) re-encodes differently")
        }
        return decoded
    }

    @Test(arguments: Array(CanonicalDecodingTests.seeds.indices))
    func whateverDecodesReEncodesToTheSameBytes(seedIndex: Int) {
        let bytes = Self.seeds[seedIndex]
        let inputs = [bytes] + mutations(of: bytes, seed: UInt64(seedIndex + 1))
        // Try every input as every type: mutations of one row type are malformed rows of the others.
        let decoded = check(Message.self, inputs) + check(User.self, inputs) + check(Mixed.self, inputs)
        // The unmutated row decodes, and some mutations (a changed byte inside text or an identity) do too.
        #expect(decoded > 1)
    }

    /// The cases that would break it if the reader were lenient, each rejected.
    @Test func nonCanonicalEncodingsAreRejected() {
        let user = User(identity: SDKFixtures.other, name: "A", online: true).bsatnBytes()
        var twoAsBool = user
        twoAsBool[twoAsBool.count - 1] = 2  // `online`
        #expect(throws: BSATNDecodingError.self) { _ = try User(bsatnBytes: twoAsBool) }
        var optionTagTwo = user
        optionTagTwo[32] = 2  // `name`'s Option tag
        #expect(throws: BSATNDecodingError.self) { _ = try User(bsatnBytes: optionTagTwo) }
        let badUTF8 = Message(sender: SDKFixtures.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "ab").bsatnBytes().dropLast(2) + [0xC3, 0x28]
        #expect(throws: BSATNDecodingError.self) { _ = try Message(bsatnBytes: Array(badUTF8)) }
        #expect(throws: BSATNDecodingError.self) { _ = try User(bsatnBytes: user + [0]) }
    }
}

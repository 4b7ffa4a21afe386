import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// The host's kept encoding of its messages follows the rows through appends, inserts and removals,
/// and any run of them is the row list `BsatnRowListBuilder` would make from the rows themselves.
@Suite struct EncodedRowsTests {
    /// A small deterministic generator (xorshift), so a failure replays.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    static func message(_ number: Int, textLength: Int) -> Message {
        Message(
            sender: Identity(UInt256(UInt64(number))), sent: Timestamp(microsecondsSinceUnixEpoch: Int64(number)),
            text: String(repeating: "ü", count: textLength))
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomChangesKeepBytesAndRowListsExact(seed: UInt64) {
        var generator = Generator(state: seed &* 0x9E37_79B9_7F4A_7C15 | 1)
        var model: [Message] = []
        var encoded = EncodedRows()
        // Seeds 1 and 2: every text the same length (fixed-size lists); 3 and 4: lengths vary.
        let sameLength = seed <= 2
        for step in 0..<300 {
            let row = Self.message(step, textLength: sameLength ? 2 : generator.next(5))
            switch generator.next(10) {
            case 0..<6:
                model.append(row)
                encoded.append(row)
            case 6..<8:
                let index = generator.next(model.count + 1)
                model.insert(row, at: index)
                encoded.insert(row, at: index)
            default:
                guard !model.isEmpty else { continue }
                let index = generator.next(model.count)
                model.remove(at: index)
                encoded.remove(at: index)
            }
            #expect(encoded.count == model.count)
            #expect(encoded.bytes == model.flatMap { $0.bsatnBytes() }, "step \(step)")
            guard !model.isEmpty else { continue }
            let lower = generator.next(model.count + 1)
            let upper = lower + generator.next(model.count - lower + 1)
            #expect(encoded.rowList(lower..<upper) == BsatnRowList(encodedRows: model[lower..<upper].map { $0.bsatnBytes() }),
                    "step \(step), rows \(lower)..<\(upper)")
            let index = generator.next(model.count)
            #expect(Array(encoded.row(at: index)) == model[index].bsatnBytes())
        }
    }

    @Test func emptyRangesAndAnEmptyStore() {
        var encoded = EncodedRows()
        #expect(encoded.rowList(0..<0) == .empty)
        encoded.append(Self.message(1, textLength: 1))
        #expect(encoded.rowList(1..<1) == .empty)
        encoded.remove(at: 0)
        #expect(encoded.bytes.isEmpty && encoded.starts == [0])
    }
}

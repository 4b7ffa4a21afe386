import Testing
@testable import SpacetimeDB

/// The cache's hash table of row positions on its own: collisions, wrap-around, backward-shift
/// deletion and moves, checked step by step against a plain dictionary.
@Suite struct RowHashIndexTests {
    /// A seeded generator, so a failure replays.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    enum Step {
        case insert(position: Int, hash: UInt32)
        case remove(position: Int)
        case move(from: Int, to: Int)
    }

    /// Applies `steps` and checks after each one that exactly the model's positions are found
    /// under their hashes, whatever the other positions with equal hashes.
    func check(_ steps: [Step], reserve: Int = 0) {
        var index = RowHashIndex()
        index.reserveCapacity(reserve)
        var model: [Int: UInt32] = [:]
        for step in steps {
            switch step {
            case .insert(let position, let hash):
                index.insert(position: position, hash: hash)
                model[position] = hash
            case .remove(let position):
                guard let hash = model.removeValue(forKey: position) else { continue }
                index.remove(position: position, hash: hash)
            case .move(let from, let to):
                guard let hash = model.removeValue(forKey: from) else { continue }
                index.move(position: from, to: to, hash: hash)
                model[to] = hash
            }
            #expect(index.count == model.count)
            for (position, hash) in model {
                #expect(index.firstPosition(hash: hash, where: { $0 == position }) == position, "position \(position) under \(hash) after \(step)")
            }
            #expect(Set(index.entries.map(\.position)) == Set(model.keys))
        }
    }

    @Test(arguments: [
        // Every row with the same hash: one long probe run, removed from the front, middle and back.
        (0..<6).map { Step.insert(position: $0, hash: 3) } + [.remove(position: 0), .remove(position: 3), .remove(position: 5)],
        // Hashes whose home is the last slot (8 slots at first): the run wraps to slot 0 and back.
        [.insert(position: 0, hash: 7), .insert(position: 1, hash: 15), .insert(position: 2, hash: 0),
         .insert(position: 3, hash: 7), .remove(position: 1), .remove(position: 0), .insert(position: 4, hash: 6)],
        // Removing a run's head must pull later entries whose home is before the hole, not after.
        [.insert(position: 0, hash: 1), .insert(position: 1, hash: 2), .insert(position: 2, hash: 1),
         .insert(position: 3, hash: 2), .remove(position: 0), .remove(position: 1)],
        // A move keeps the hash's slot, only the position changes.
        [.insert(position: 0, hash: 5), .insert(position: 9, hash: 5), .move(from: 9, to: 1), .remove(position: 0)],
    ] as [[Step]])
    func tableOfEdgeCases(steps: [Step]) {
        check(steps)
    }

    @Test func growingThroughSeveralSizesKeepsEveryPosition() {
        check((0..<100).map { .insert(position: $0, hash: UInt32($0 % 7)) })
    }

    @Test(arguments: [1, 2, 3])
    func seededRandomOperationsMatchADictionary(seed: UInt64) {
        var random = SplitMix(state: seed)
        var steps: [Step] = []
        var next = 0
        for _ in 0..<600 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                // Few distinct hashes, so runs collide and wrap often.
                steps.append(.insert(position: next, hash: UInt32.random(in: 0..<40, using: &random)))
                next += 1
            case 5..<8:
                steps.append(.remove(position: Int.random(in: 0..<max(next, 1), using: &random)))
            default:
                steps.append(.move(from: Int.random(in: 0..<max(next, 1), using: &random), to: next))
                next += 1
            }
        }
        check(steps, reserve: seed == 2 ? 300 : 0)
    }

    @Test func lookupsHandEveryEqualHashToTheCallerUntilOneMatches() {
        var index = RowHashIndex()
        for position in 0..<4 { index.insert(position: position, hash: 42) }
        var asked: [Int] = []
        let found = index.firstPosition(hash: 42, where: { asked.append($0); return $0 == 2 })
        #expect(found == 2)
        #expect(asked.sorted() == [0, 1, 2])
        #expect(index.firstPosition(hash: 42, where: { _ in false }) == nil)
        #expect(index.firstPosition(hash: 41, where: { _ in true }) == nil)
    }
}

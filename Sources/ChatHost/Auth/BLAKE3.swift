/// The BLAKE3 hash function (default hash mode, with extendable output), in plain Swift.
///
/// SpacetimeDB derives identities from token claims with BLAKE3 (`Identity::from_claims`), so the host
/// needs it; swift-crypto does not provide it. Single-threaded, portable, no SIMD: identity derivation
/// hashes a few dozen bytes, so clarity matters more than speed here.
public struct BLAKE3: Sendable {
    static let iv: [UInt32] = [
        0x6A09_E667, 0xBB67_AE85, 0x3C6E_F372, 0xA54F_F53A, 0x510E_527F, 0x9B05_688C, 0x1F83_D9AB, 0x5BE0_CD19,
    ]
    static let permutation: [Int] = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8]
    static let blockLength = 64
    static let chunkLength = 1024
    static let chunkStart: UInt32 = 1 << 0
    static let chunkEnd: UInt32 = 1 << 1
    static let parent: UInt32 = 1 << 2
    static let root: UInt32 = 1 << 3

    /// State of the chunk currently being absorbed.
    struct ChunkState: Sendable {
        var chainingValue: [UInt32]
        var chunkCounter: UInt64
        var block: [UInt8] = []
        var blocksCompressed = 0

        init(key: [UInt32], chunkCounter: UInt64) {
            chainingValue = key
            self.chunkCounter = chunkCounter
            block.reserveCapacity(BLAKE3.blockLength)
        }

        var length: Int { blocksCompressed * BLAKE3.blockLength + block.count }

        var startFlag: UInt32 { blocksCompressed == 0 ? BLAKE3.chunkStart : 0 }

        mutating func update(_ input: ArraySlice<UInt8>) {
            var input = input
            while !input.isEmpty {
                // Only compress a full block once more input is known to follow: the last block of a
                // chunk must be compressed with CHUNK_END, which is decided at output time.
                if block.count == BLAKE3.blockLength {
                    let words = BLAKE3.words(of: block)
                    let out = BLAKE3.compress(
                        chainingValue: chainingValue, block: words, counter: chunkCounter,
                        blockLength: UInt32(BLAKE3.blockLength), flags: startFlag)
                    chainingValue = Array(out[0..<8])
                    blocksCompressed += 1
                    block.removeAll(keepingCapacity: true)
                }
                let take = min(BLAKE3.blockLength - block.count, input.count)
                block.append(contentsOf: input.prefix(take))
                input = input.dropFirst(take)
            }
        }

        func output() -> Output {
            Output(
                inputChainingValue: chainingValue, blockWords: BLAKE3.words(of: block), counter: chunkCounter,
                blockLength: UInt32(block.count), flags: startFlag | BLAKE3.chunkEnd)
        }
    }

    /// A compression whose result is either a chaining value or (with ROOT) the final output.
    struct Output: Sendable {
        var inputChainingValue: [UInt32]
        var blockWords: [UInt32]
        var counter: UInt64
        var blockLength: UInt32
        var flags: UInt32

        func chainingValue() -> [UInt32] {
            Array(
                BLAKE3.compress(
                    chainingValue: inputChainingValue, block: blockWords, counter: counter,
                    blockLength: blockLength, flags: flags)[0..<8])
        }

        func rootBytes(count: Int) -> [UInt8] {
            var result: [UInt8] = []
            result.reserveCapacity(count)
            var outputCounter: UInt64 = 0
            while result.count < count {
                let words = BLAKE3.compress(
                    chainingValue: inputChainingValue, block: blockWords, counter: outputCounter,
                    blockLength: blockLength, flags: flags | BLAKE3.root)
                for word in words {
                    for shift in stride(from: 0, to: 32, by: 8) where result.count < count {
                        result.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
                    }
                }
                outputCounter += 1
            }
            return result
        }
    }

    var chunkState: ChunkState
    var chainingValueStack: [[UInt32]] = []

    /// Creates a hasher in the default (unkeyed) mode.
    public init() {
        chunkState = ChunkState(key: BLAKE3.iv, chunkCounter: 0)
    }

    /// Absorbs more input.
    public mutating func update<C: Collection>(_ input: C) where C.Element == UInt8 {
        var remaining = Array(input)[...]
        while !remaining.isEmpty {
            if chunkState.length == BLAKE3.chunkLength {
                let chunkCV = chunkState.output().chainingValue()
                let totalChunks = chunkState.chunkCounter + 1
                addChunkChainingValue(chunkCV, totalChunks: totalChunks)
                chunkState = ChunkState(key: BLAKE3.iv, chunkCounter: totalChunks)
            }
            let take = min(BLAKE3.chunkLength - chunkState.length, remaining.count)
            chunkState.update(remaining.prefix(take))
            remaining = remaining.dropFirst(take)
        }
    }

    /// The first `count` bytes of the extendable output (32 is the standard digest).
    public func finalize(count: Int = 32) -> [UInt8] {
        var output = chunkState.output()
        var index = chainingValueStack.count
        while index > 0 {
            index -= 1
            output = BLAKE3.parentOutput(left: chainingValueStack[index], right: output.chainingValue())
        }
        return output.rootBytes(count: count)
    }

    /// The 32-byte BLAKE3 digest of `input`.
    public static func hash<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = BLAKE3()
        hasher.update(input)
        return hasher.finalize()
    }

    mutating func addChunkChainingValue(_ chainingValue: [UInt32], totalChunks: UInt64) {
        // Merge completed subtrees: one merge per trailing zero bit of the chunk count.
        var newCV = chainingValue
        var total = totalChunks
        while total & 1 == 0 {
            guard let left = chainingValueStack.popLast() else { break }
            newCV = BLAKE3.parentOutput(left: left, right: newCV).chainingValue()
            total >>= 1
        }
        chainingValueStack.append(newCV)
    }

    static func parentOutput(left: [UInt32], right: [UInt32]) -> Output {
        Output(
            inputChainingValue: iv, blockWords: left + right, counter: 0, blockLength: UInt32(blockLength),
            flags: parent)
    }

    static func words(of block: [UInt8]) -> [UInt32] {
        var words = [UInt32](repeating: 0, count: 16)
        for (index, byte) in block.enumerated() {
            words[index / 4] |= UInt32(byte) << UInt32((index % 4) * 8)
        }
        return words
    }

    static func compress(
        chainingValue: [UInt32], block: [UInt32], counter: UInt64, blockLength: UInt32, flags: UInt32
    ) -> [UInt32] {
        var state: [UInt32] = [
            chainingValue[0], chainingValue[1], chainingValue[2], chainingValue[3],
            chainingValue[4], chainingValue[5], chainingValue[6], chainingValue[7],
            iv[0], iv[1], iv[2], iv[3],
            UInt32(truncatingIfNeeded: counter), UInt32(truncatingIfNeeded: counter >> 32), blockLength, flags,
        ]
        var message = block
        for round in 0..<7 {
            mix(&state, 0, 4, 8, 12, message[0], message[1])
            mix(&state, 1, 5, 9, 13, message[2], message[3])
            mix(&state, 2, 6, 10, 14, message[4], message[5])
            mix(&state, 3, 7, 11, 15, message[6], message[7])
            mix(&state, 0, 5, 10, 15, message[8], message[9])
            mix(&state, 1, 6, 11, 12, message[10], message[11])
            mix(&state, 2, 7, 8, 13, message[12], message[13])
            mix(&state, 3, 4, 9, 14, message[14], message[15])
            if round < 6 {
                message = permutation.map { message[$0] }
            }
        }
        for index in 0..<8 {
            state[index] ^= state[index + 8]
            state[index + 8] ^= chainingValue[index]
        }
        return state
    }

    @inline(__always)
    static func mix(_ state: inout [UInt32], _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ mx: UInt32, _ my: UInt32) {
        state[a] = state[a] &+ state[b] &+ mx
        state[d] = rotateRight(state[d] ^ state[a], 16)
        state[c] = state[c] &+ state[d]
        state[b] = rotateRight(state[b] ^ state[c], 12)
        state[a] = state[a] &+ state[b] &+ my
        state[d] = rotateRight(state[d] ^ state[a], 8)
        state[c] = state[c] &+ state[d]
        state[b] = rotateRight(state[b] ^ state[c], 7)
    }

    @inline(__always)
    static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}

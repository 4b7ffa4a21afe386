import Testing

@testable import spacetime_bench

/// ``ServerFrameScanner``: the frames of a byte stream, however `read(2)` splits it.
@Suite struct ServerFrameScannerTests {
    /// An unmasked server frame with this opcode and payload (7-, 16- or 64-bit length as needed).
    static func frame(opcode: UInt8, fin: Bool = true, payload: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        if payload.count < 126 {
            bytes.append(UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            bytes += [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            bytes.append(127)
            bytes += (0..<8).reversed().map { UInt8((UInt64(payload.count) >> (8 * UInt64($0))) & 0xFF) }
        }
        return bytes + payload
    }

    /// A stream of frames of every length class: a v2 `TransactionUpdate` (envelope 0, tag 4), a
    /// ping with a payload, a 300-byte and a 70 000-byte binary frame, an empty pong, a one-byte frame.
    static let stream: [(opcode: UInt8, payload: [UInt8])] = [
        (0x2, [0, 4, 9, 9, 9]),
        (0x9, [1, 2, 3]),
        (0x2, [0, 6] + [UInt8](repeating: 7, count: 298)),
        (0x2, [1, 4] + [UInt8](repeating: 5, count: 69_998)),
        (0xA, []),
        (0x1, [42]),
    ]

    static var expected: [ServerFrameScanner.Frame] {
        stream.map { opcode, payload in
            ServerFrameScanner.Frame(
                opcode: opcode, isFinal: true, head: payload.count >= 2 ? (payload[0], payload[1]) : nil,
                payload: ServerFrameScanner.keepsPayload(opcode) ? payload : [])
        }
    }

    static var bytes: [UInt8] { stream.flatMap { frame(opcode: $0.opcode, payload: $0.payload) } }

    static func scan(_ bytes: [UInt8], in pieces: [Range<Int>]) -> ([ServerFrameScanner.Frame], ServerFrameScanner) {
        var scanner = ServerFrameScanner()
        var frames: [ServerFrameScanner.Frame] = []
        for piece in pieces {
            Array(bytes[piece]).withUnsafeBytes { scanner.scan($0) { frames.append($0) } }
        }
        return (frames, scanner)
    }

    @Test func wholeStreamInOneRead() {
        let (frames, scanner) = Self.scan(Self.bytes, in: [0..<Self.bytes.count])
        #expect(frames == Self.expected)
        #expect(scanner.carried.isEmpty)
    }

    @Test func everySplitIntoTwoReads() {
        let bytes = Self.bytes
        // Every cut in the small frames and around each header; the long frame's middle is all alike.
        let cuts = Array(0...330) + Array(bytes.count - 20...bytes.count)
        for cut in cuts {
            let (frames, scanner) = Self.scan(bytes, in: [0..<cut, cut..<bytes.count])
            // The count first: a misread length yields thousands of frames, too many to print.
            #expect(frames.count == Self.expected.count, "cut at \(cut)")
            if frames.count == Self.expected.count { #expect(frames == Self.expected, "cut at \(cut)") }
            #expect(scanner.carried.isEmpty, "cut at \(cut)")
        }
    }

    @Test func oneByteReads() {
        let bytes = Self.bytes
        let (frames, _) = Self.scan(bytes, in: bytes.indices.map { $0..<($0 + 1) })
        #expect(frames == Self.expected)
    }

    @Test func anIncompleteFrameIsCarriedNotReported() {
        let bytes = Self.frame(opcode: 0x2, payload: [0, 4, 1, 2, 3])
        let (frames, scanner) = Self.scan(bytes, in: [0..<(bytes.count - 1)])
        #expect(frames.isEmpty)
        #expect(scanner.carried == Array(bytes.dropLast()))
    }

    @Test func aContinuedMessageIsReportedAsNotFinal() {
        let bytes = Self.frame(opcode: 0x2, fin: false, payload: [0, 4]) + Self.frame(opcode: 0x0, payload: [1])
        let (frames, _) = Self.scan(bytes, in: [0..<bytes.count])
        #expect(frames.map(\.isFinal) == [false, true])
        #expect(frames.map(\.opcode) == [0x2, 0x0])
    }

    @Test func aMaskedFrameIsSkippedWithItsKey() {
        // A server must not mask; the scanner still steps over the key and stays in step.
        let masked: [UInt8] = [0x82, 0x80 | 2, 9, 9, 9, 9, 0, 4]
        let bytes = masked + Self.frame(opcode: 0x2, payload: [0, 6])
        let (frames, scanner) = Self.scan(bytes, in: [0..<bytes.count])
        #expect(frames.map { $0.head?.1 } == [4, 6])
        #expect(scanner.carried.isEmpty)
        // Cut inside the mask key: nothing is read past the end.
        let (partial, rest) = Self.scan(masked, in: [0..<4])
        #expect(partial.isEmpty)
        #expect(rest.carried == Array(masked.prefix(4)))
    }
}

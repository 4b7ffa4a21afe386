/// Damaged copies of a frame, for checking that two decoders agree on bad input as well as good:
/// every truncation, two extensions, and every byte after the envelope byte set to a few values.
enum DamagedFrames {
    /// The copies of `frame`, each with a label saying what was done to it.
    static func of(_ frame: [UInt8]) -> [(label: String, bytes: [UInt8])] {
        var copies: [(label: String, bytes: [UInt8])] = []
        for length in 0..<frame.count {
            copies.append(("cut to \(length)", Array(frame[..<length])))
        }
        for extra: [UInt8] in [[0], [1, 2, 3]] {
            copies.append(("with \(extra) after it", frame + extra))
        }
        for position in 1..<max(1, frame.count) {
            for replacement: UInt8 in [0x00, 0x01, 0x02, 0x80, 0xFF, frame[position] ^ 0x01] where replacement != frame[position] {
                var damaged = frame
                damaged[position] = replacement
                copies.append(("byte \(position) set to \(replacement)", damaged))
            }
        }
        return copies
    }
}

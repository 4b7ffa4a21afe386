/// Why a WebSocket frame could not be turned into protocol messages.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The frame's payload was not valid BSATN for the expected message type.
    case decoding(BSATNDecodingError)
    /// The frame's compression envelope or compressed payload was invalid.
    case compression(CompressionError)
    /// A v3 frame carried no message at all.
    case emptyFrame

    /// A sentence naming what was wrong with the frame.
    public var description: String {
        switch self {
        case .decoding(let error): return "protocol: \(error)"
        case .compression(let error): return "protocol: \(error)"
        case .emptyFrame: return "protocol: a v3 frame must carry at least one message, but this one was empty"
        }
    }
}

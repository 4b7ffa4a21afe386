import QuickstartChat

@testable import SpacetimeDB

/// What the SDK's frame decoders make of a frame, rendered as text (the events, or the error), so a
/// test can check that the connection's decoder, fast paths included, and the general decoder agree.
enum DecoderOutcome {
    /// The quickstart module's table and reducer names, as a connection to it knows them.
    static let quickstartNames = KnownStrings(
        QuickstartChatModule.descriptor.tables.map(\.name) + QuickstartChatModule.descriptor.reducerNames)

    /// The connection's decoder (``ServerEventDecoder/decode(frame:version:names:)``), with and
    /// without the quickstart's names: one rendering when both agree, else both (which then match
    /// nothing).
    static func connection(_ frame: [UInt8], version: ProtocolVersion) -> String {
        let plain = render { () throws(ProtocolError) in
            try ServerEventDecoder.decode(frame: frame, version: version, names: .none)
        }
        let named = render { () throws(ProtocolError) in
            try ServerEventDecoder.decode(frame: frame, version: version, names: quickstartNames)
        }
        return plain == named ? plain : "without names: \(plain); with names: \(named)"
    }

    /// The general decoder alone, without any fast path.
    static func general(_ frame: [UInt8], version: ProtocolVersion) -> String {
        render { () throws(ProtocolError) in
            switch version {
            case .v1: return [try ServerEventDecoder.generalV1Event(frame: frame)]
            case .v2: return [try ServerEventDecoder.generalV2Event(frame: frame)]
            case .v3: return try ServerEventDecoder.generalV3Events(frame: frame)
            }
        }
    }

    private static func render(_ decode: () throws(ProtocolError) -> [ServerEvent]) -> String {
        do {
            return String(reflecting: try decode())
        } catch {
            return "error: \(error)"
        }
    }
}

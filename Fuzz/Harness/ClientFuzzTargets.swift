import ChatTerminal
import QuickstartChat
@testable import SpacetimeDB

/// The client's input surfaces: bytes a server (or a terminal) sends.
enum ClientFuzzTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "server-frame", surface: "a server frame's compression envelope and brotli/gzip inflation",
            run: serverFrame),
        FuzzTarget(name: "bsatn", surface: "BSATN values: first byte picks the type, the rest is decoded", run: bsatn),
        FuzzTarget(name: "v1-server", surface: "a v1.bsatn server frame, through the SDK's decoder and row split") {
            serverMessages($0, version: .v1)
        },
        FuzzTarget(name: "v2-server", surface: "a v2.bsatn server frame, through the SDK's decoder and row split") {
            serverMessages($0, version: .v2)
        },
        FuzzTarget(name: "v3-server", surface: "a v3.bsatn server frame (batched v2), through the SDK's decoder") {
            serverMessages($0, version: .v3)
        },
        FuzzTarget(name: "keys", surface: "terminal input bytes, split into reads, through the key decoder", run: keys),
    ]

    /// A cap far below the SDK's 256 MiB default keeps each run fast; the bound itself is what is tested.
    static let maxInflatedBytes = 1 << 20

    static func serverFrame(_ bytes: [UInt8]) {
        guard let (compression, payload) = try? ServerFrameCodec.decode(bytes, maxDecompressedSize: maxInflatedBytes)
        else { return }
        precondition(payload.count <= maxInflatedBytes, "inflated past the cap: \(payload.count) bytes")
        // What inflated must survive our own encoder with the same algorithm.
        let again = ServerFrameCodec.encode(payload: payload, using: compression)
        let decoded = try? ServerFrameCodec.decode(again, maxDecompressedSize: maxInflatedBytes)
        precondition(decoded.map { Array($0.payload) } == Array(payload), "\(compression) round trip changed the payload")
    }

    /// The types the `bsatn` target decodes, named as the vectors name them; the first input byte
    /// picks one (its index modulo the count), which is how the seeds in `Fuzz/Corpus/bsatn` start.
    static let bsatnTypes: [(name: String, decode: @Sendable ([UInt8]) -> Void)] = [
        ("bool", { roundTrip($0, as: Bool.self) }), ("u8", { roundTrip($0, as: UInt8.self) }),
        ("u16", { roundTrip($0, as: UInt16.self) }), ("u32", { roundTrip($0, as: UInt32.self) }),
        ("u64", { roundTrip($0, as: UInt64.self) }), ("u128", { roundTrip($0, as: UInt128.self) }),
        ("u256", { roundTrip($0, as: UInt256.self) }), ("i8", { roundTrip($0, as: Int8.self) }),
        ("i16", { roundTrip($0, as: Int16.self) }), ("i32", { roundTrip($0, as: Int32.self) }),
        ("i64", { roundTrip($0, as: Int64.self) }), ("i128", { roundTrip($0, as: Int128.self) }),
        ("i256", { roundTrip($0, as: Int256.self) }), ("f32", { roundTrip($0, as: Float.self) }),
        ("f64", { roundTrip($0, as: Double.self) }), ("String", { roundTrip($0, as: String.self) }),
        ("Array<u8>", { roundTrip($0, as: [UInt8].self) }), ("Array<u32>", { roundTrip($0, as: [UInt32].self) }),
        ("Array<bool>", { roundTrip($0, as: [Bool].self) }), ("Array<String>", { roundTrip($0, as: [String].self) }),
        ("Array<Array<u8>>", { roundTrip($0, as: [[UInt8]].self) }),
        ("Array<Option<i32>>", { roundTrip($0, as: [Int32?].self) }),
        ("Array<Identity>", { roundTrip($0, as: [Identity].self) }),
        ("Option<String>", { roundTrip($0, as: String?.self) }), ("Option<u32>", { roundTrip($0, as: UInt32?.self) }),
        ("Option<bool>", { roundTrip($0, as: Bool?.self) }), ("Option<Identity>", { roundTrip($0, as: Identity?.self) }),
        ("Identity", { roundTrip($0, as: Identity.self) }), ("ConnectionId", { roundTrip($0, as: ConnectionId.self) }),
        ("Timestamp", { roundTrip($0, as: Timestamp.self) }), ("TimeDuration", { roundTrip($0, as: TimeDuration.self) }),
        ("ScheduleAt", { roundTrip($0, as: ScheduleAt.self) }), ("Uuid", { roundTrip($0, as: Uuid.self) }),
        ("User", { roundTrip($0, as: User.self) }), ("Message", { roundTrip($0, as: Message.self) }),
        ("SetNameArgs", { roundTrip($0, as: SetNameArgs.self) }),
        ("SendMessageArgs", { roundTrip($0, as: SendMessageArgs.self) }),
        ("BsatnRowList", { roundTrip($0, as: BsatnRowList.self) }),
        ("RowSizeHint", { roundTrip($0, as: RowSizeHint.self) }),
        ("CompressableQueryUpdate", { roundTrip($0, as: V1.CompressableQueryUpdate.self) }),
        ("ReducerOutcome", { roundTrip($0, as: V2.ReducerOutcome.self) }),
        ("TableUpdateRows", { roundTrip($0, as: V2.TableUpdateRows.self) }),
        ("Result<u32, String>", { roundTrip($0, as: BSATNResult<UInt32, String>.self) }),
        ("Array<()>", { roundTrip($0, as: [BSATNUnit].self) }),
    ]

    /// Decodes one value of the type the first byte picks.
    static func bsatn(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        bsatnTypes[Int(selector) % bsatnTypes.count].decode(Array(bytes.dropFirst()))
    }

    /// Decodes a prefix of `bytes` as `T`; when that works, encoding the value and decoding it again
    /// must give the same bytes (floats are compared by bits, so NaN payloads count).
    static func roundTrip<T: BSATNCodable>(_ bytes: [UInt8], as _: T.Type) {
        var reader = BSATNReader(bytes)
        guard let value = try? T(bsatn: &reader) else { return }
        let encoded = value.bsatnBytes()
        guard let again = try? T(bsatnBytes: encoded) else {
            preconditionFailure("\(T.self): its own encoding \(encoded) does not decode")
        }
        precondition(again.bsatnBytes() == encoded, "\(T.self): re-encoding is not stable")
        if T.self != BsatnRowList.self {
            // Every type but a row list (whose rows are opaque) reads exactly the bytes it writes.
            precondition(Array(bytes[..<reader.offset]) == encoded, "\(T.self): decoded bytes differ from re-encoded")
        }
    }

    /// A frame through the SDK's own decoder (envelope, inflate with the SDK's cap, message, mapping
    /// to events), then every row list split into rows and each row read as the quickstart types.
    static func serverMessages(_ bytes: [UInt8], version: ProtocolVersion) {
        fastPathAgrees(bytes, version: version)
        guard let events = try? ServerEventDecoder.decode(frame: bytes, version: version) else { return }
        for event in events {
            for list in rowLists(in: event) {
                guard let rows = try? list.rows() else { continue }
                for row in rows {
                    _ = try? User(bsatnBytes: row)
                    _ = try? Message(bsatnBytes: row)
                }
            }
        }
    }

    /// The transaction fast path (``V1TransactionDecoder``, ``V2TransactionDecoder``; with and without
    /// the quickstart's names) and the general decoder give the same events or the same error.
    static func fastPathAgrees(_ bytes: [UInt8], version: ProtocolVersion) {
        func outcome(_ decode: () throws(ProtocolError) -> [ServerEvent]) -> String {
            do { return String(reflecting: try decode()) } catch { return "error: \(error)" }
        }
        let general = outcome { () throws(ProtocolError) in
            switch version {
            case .v1: return [try ServerEventDecoder.generalV1Event(frame: bytes)]
            case .v2: return [try ServerEventDecoder.generalV2Event(frame: bytes)]
            case .v3: return try ServerEventDecoder.generalV3Events(frame: bytes)
            }
        }
        for names in [KnownStrings.none, quickstartNames] {
            let fast = outcome { () throws(ProtocolError) in
                try ServerEventDecoder.decode(frame: bytes, version: version, names: names)
            }
            precondition(fast == general, "\(version) fast path: \(fast)\ngeneral decoder: \(general)")
        }
    }

    static let quickstartNames = KnownStrings(
        QuickstartChatModule.descriptor.tables.map(\.name) + QuickstartChatModule.descriptor.reducerNames)

    static func rowLists(in event: ServerEvent) -> [BsatnRowList] {
        func lists(_ changes: [TableRowChanges]) -> [BsatnRowList] {
            changes.flatMap { $0.inserts + $0.deletes + $0.events }
        }
        switch event {
        case .identity, .subscriptionError, .procedureResult: return []
        case .subscribeApplied(_, _, let changes), .unsubscribeApplied(_, let changes), .transaction(let changes),
            .reducerTransaction(_, let changes), .reducerResult(_, _, _, let changes):
            return lists(changes)
        case .oneOffResult(_, let result):
            return (try? result.get())?.map(\.rows) ?? []
        }
    }

    /// Terminal bytes fed in reads of 1–8 bytes (sizes from the first byte), then flushed; the events
    /// must match one read of everything, and text must never carry a control character.
    static func keys(_ bytes: [UInt8]) {
        guard let seed = bytes.first else { return }
        let input = bytes.dropFirst()
        var split = KeyDecoder()
        var splitEvents: [KeyEvent] = []
        var rest = input
        var size = Int(seed % 8) + 1
        while !rest.isEmpty {
            splitEvents += split.feed(rest.prefix(size))
            rest = rest.dropFirst(size)
            size = size % 8 + 1
        }
        splitEvents += split.flush()
        precondition(split.pending == .none && split.flush().isEmpty, "flush left input pending")

        var whole = KeyDecoder()
        let wholeEvents = whole.feed(input) + whole.flush()
        precondition(merged(splitEvents) == merged(wholeEvents), "split reads decode differently from one read")
        for event in splitEvents {
            switch event {
            case .text(let text):
                precondition(!text.isEmpty, "empty text event")
                precondition(text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }, "control in text")
            case .paste(let text):
                precondition(!text.contains("\u{1B}[201~"), "paste end marker inside a paste")
            case .key, .focus:
                break
            case .mouse(let mouse):
                precondition(mouse.column >= 1 && mouse.row >= 1, "mouse report outside the screen")
            }
        }
    }

    /// Adjacent text events joined: how many reads typed text arrived in does not matter.
    static func merged(_ events: [KeyEvent]) -> [KeyEvent] {
        var result: [KeyEvent] = []
        for event in events {
            if case .text(let text) = event, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + text)
            } else {
                result.append(event)
            }
        }
        return result
    }
}

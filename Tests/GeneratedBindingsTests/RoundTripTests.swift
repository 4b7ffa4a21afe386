import SpacetimeDB
import Testing

/// Values of every generated type survive BSATN encode → decode, and the bytes have the layout
/// SpacetimeDB uses (checked by hand for the parts that matter: tags, option order, widths).
@Suite("Generated bindings round-trip through BSATN")
struct RoundTripTests {
    static let identity = Identity(UInt256(low: 0x1122_3344_5566_7788_99AA_BBCC_DDEE_FF00, high: 0xC200 << 112))

    static func roundTrip<T: BSATNCodable & Equatable>(_ value: T) throws -> [UInt8] {
        let bytes = value.bsatnBytes()
        let decoded = try T(bsatnBytes: bytes)
        #expect(decoded == value)
        return bytes
    }

    static let extremeStats = Stats(
        i8: .min, u8: .max, i16: .min, u16: .max, i32: .min, u32: .max, i64: .min, u64: .max, i128: .min,
        u128: .max, i256: Int256(-1), u256: .max, f32: -.infinity, f64: .pi)

    @Test("every integer width and float is little-endian at its width, in field order")
    func statsLayout() throws {
        let stats = Stats(
            i8: -2, u8: 1, i16: -3, u16: 2, i32: -4, u32: 3, i64: -5, u64: 4, i128: -6, u128: 5, i256: Int256(-7),
            u256: UInt256(6), f32: 1.5, f64: -2.25)
        let bytes = try Self.roundTrip(stats)
        var expected: [UInt8] = [0xFE, 0x01, 0xFD, 0xFF, 0x02, 0x00, 0xFC, 0xFF, 0xFF, 0xFF, 0x03, 0, 0, 0]
        expected += [0xFB] + Array(repeating: 0xFF, count: 7) + [0x04] + Array(repeating: 0, count: 7)
        expected += [0xFA] + Array(repeating: 0xFF, count: 15) + [0x05] + Array(repeating: 0, count: 15)
        expected += [0xF9] + Array(repeating: 0xFF, count: 31) + [0x06] + Array(repeating: 0, count: 31)
        expected += [0x00, 0x00, 0xC0, 0x3F]  // 1.5f
        expected += [0, 0, 0, 0, 0, 0, 0x02, 0xC0]  // -2.25
        #expect(bytes == expected)
        _ = try Self.roundTrip(Self.extremeStats)
    }

    @Test("a table row with keywords, options, arrays, bytes and special types")
    func playerRow() throws {
        let player = Player(
            id: 42, gamertag: "zoë", class: .mage, default: nil, self_: true, stats: Self.extremeStats,
            inventory: [
                Item(name: "sword", count: 1, tags: ["sharp", ""], grid: [[1, -1], [], [7]], blobs: [[0xFF], []]),
                Item(name: "", count: .max, tags: [], grid: [], blobs: []),
            ],
            avatar: [0, 1, 2, 255], identity: Self.identity,
            lastSeen: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381), writer: 9)
        let bytes = try Self.roundTrip(player)
        // id (8), then the gamertag: u32 byte length 4, "zoë"; then Class.mage = tag 1; then `default` None = tag 1.
        #expect(Array(bytes[0..<8]) == [42, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(bytes[8..<12]) == [4, 0, 0, 0])
        #expect(Array(bytes[12..<16]) == Array("zoë".utf8))
        #expect(bytes[16] == 1)
        #expect(bytes[17] == 1)
        #expect(bytes[18] == 1)  // self_ = true
        #expect(bytes.last == 9)  // the `writer` column is written from the row, not the BSATNWriter

        var named = player
        named.default = "x"
        let namedBytes = try Self.roundTrip(named)
        #expect(Array(namedBytes[17..<23]) == [0, 1, 0, 0, 0, UInt8(ascii: "x")])  // Some = tag 0
    }

    @Test("sum types: unit variants, payloads, nested and recursive variants")
    func shapes() throws {
        let shapes: [Shape] = [
            .circle(2.5), .rect(Rect(w: 1, h: -1)), .label("hi"), .empty, .maybe(7), .maybe(nil),
            .group([.empty, .group([]), .nested(.circle(0))]), .nested(.nested(.label(""))), .default(false),
        ]
        for (index, shape) in shapes.enumerated() {
            let bytes = try Self.roundTrip(shape)
            let expectedTags: [UInt8] = [0, 1, 2, 3, 4, 4, 5, 6, 7]
            #expect(bytes[0] == expectedTags[index])
        }
        #expect(try Self.roundTrip(Shape.empty) == [3])
        #expect(try Self.roundTrip(Shape.maybe(nil)) == [4, 1])
        #expect(try Self.roundTrip(Class.rogue) == [2])
    }

    @Test("an unknown tag is a decoding error naming the type and offset")
    func unknownTag() {
        #expect(throws: BSATNDecodingError.unknownTag(type: "Shape", tag: 8, offset: 0)) {
            try Shape(bsatnBytes: [8])
        }
        #expect(throws: BSATNDecodingError.unknownTag(type: "Class", tag: 3, offset: 0)) {
            try Class(bsatnBytes: [3])
        }
        #expect(throws: BSATNDecodingError.unknownTag(type: "Nothing", tag: 0, offset: 0)) {
            try Nothing(bsatnBytes: [0])
        }
        #expect(throws: BSATNDecodingError.self) { try Player(bsatnBytes: [1, 2, 3]) }
    }

    @Test("special types, nested options, Result and the empty product")
    func eventLog() throws {
        let values = [
            EventLog(
                at: Timestamp(microsecondsSinceUnixEpoch: -1), who: Self.identity, conn: ConnectionId(0xABCD),
                took: TimeDuration(microseconds: 40), uuid: Uuid(.max), when: .interval(TimeDuration(microseconds: 5)),
                shape: .empty, optList: [1, 2], listOpt: [nil, 3, .min], nestedOpt: .some(nil), outcome: .ok(7),
                empty: Empty()),
            EventLog(
                at: .unixEpoch, who: .zero, conn: .zero, took: .zero, uuid: .zero,
                when: .time(Timestamp(microsecondsSinceUnixEpoch: 99)), shape: .label("x"), optList: nil, listOpt: [],
                nestedOpt: "deep", outcome: .err("bad"), empty: Empty()),
            EventLog(
                at: .unixEpoch, who: .zero, conn: .zero, took: .zero, uuid: .zero, when: .interval(.zero),
                shape: .empty, optList: [], listOpt: [], nestedOpt: nil, outcome: .ok(0), empty: Empty()),
        ]
        for value in values { _ = try Self.roundTrip(value) }
        #expect(Empty().bsatnBytes().isEmpty)
        // Identity is 32 bytes little-endian: the last two bytes of a SpacetimeDB identity are 00 c2.
        let bytes = values[0].bsatnBytes()
        #expect(Array(bytes[8 + 30..<8 + 32]) == [0x00, 0xC2])
        // Option<Option<String>> = Some(None) is tag 0 then tag 1.
        let tail = values[0].bsatnBytes().suffix(1 + 4 + 2)  // nestedOpt, outcome (tag + u32), empty
        #expect(Array(tail) == [0, 1, 0, 7, 0, 0, 0])
    }

    @Test("odd names, recursion through arrays, aliases, scheduled rows and reducer arguments")
    func others() throws {
        _ = try Self.roundTrip(
            MyScopeOddNameType(_2fa: true, httpServer: "h", userId: 1, withSpace: 2, ümlaut: 3, type: -4, reader: false))
        _ = try Self.roundTrip(
            Tree(value: 1, children: [Tree(value: 2, children: [], label: nil), Tree(value: 3, children: [
                Tree(value: 4, children: [], label: "leaf"),
            ], label: "")], label: "root"))
        let scores: Scores = [1, 2, 3]
        _ = try Self.roundTrip(MoveShapeArgs(shape: .circle(1), at: Timestamp(microsecondsSinceUnixEpoch: 5), scores: scores))
        _ = try Self.roundTrip(ScheduledJob(scheduledId: 1, scheduledAt: .time(.unixEpoch), note: "n"))
        _ = try Self.roundTrip(Account(id: 1, email: "a@b", nickname: "n", region: 3))
        _ = try Self.roundTrip(Secret(value: "s"))
        #expect(try Self.roundTrip(DoNothingArgs()) == [])
        #expect(try Self.roundTrip(DefaultArgs(self_: true, connection: 5)) == [1, 5])
        #expect(
            try Self.roundTrip(SendBytesArgs(data: [7, 8], ids: [1], who: .zero))
                == [2, 0, 0, 0, 7, 8, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0] + Array(repeating: 0, count: 32))
        _ = try Self.roundTrip(CreatePlayerArgs(gamertag: "g", class: .warrior, stats: Self.extremeStats))
        _ = try Self.roundTrip(RunJobArgs(job: ScheduledJob(scheduledId: 2, scheduledAt: .interval(.zero), note: "")))
    }

    @Test("Reducer decodes a reducer event's arguments; other reducers and bad bytes give nil")
    func reducerEnum() {
        func event(_ name: String, _ args: [UInt8]) -> ReducerEvent {
            ReducerEvent(
                reducerName: name, args: args, status: .committed, timestamp: .unixEpoch, callerIdentity: .zero,
                callerConnectionId: nil, energyConsumed: nil, isOwnCall: true)
        }
        let args = CreatePlayerArgs(gamertag: "g", class: .rogue, stats: Self.extremeStats)
        #expect(
            Reducer(event("create_player", args.bsatnBytes()))
                == .createPlayer(gamertag: "g", class: .rogue, stats: Self.extremeStats))
        #expect(Reducer(event("do_nothing", [])) == .doNothing)
        #expect(Reducer(event("default", [0, 5])) == .default(self_: false, connection: 5))
        #expect(Reducer(event("default", [2, 5])) == nil)
        #expect(Reducer(event("init", [])) == nil)
        #expect(Reducer(event("do_nothing", [0])) == nil)
    }

    @Test("the module descriptor lists the public tables and views; lifecycle reducers are left out")
    func module() {
        #expect(
            RichModule.descriptor.allTablesQueries == [
                "SELECT * FROM account", "SELECT * FROM event_log", "SELECT * FROM my_player", "SELECT * FROM odd_names",
                "SELECT * FROM player", "SELECT * FROM scheduled_job", "SELECT * FROM tree",
            ])
        #expect(
            RichModule.descriptor.reducerNames == [
                "create_player", "default", "do_nothing", "move_shape", "run_job", "send_bytes",
            ])
        #expect(PlayerTableHandle.descriptor.primaryKey?.name == "id")
        #expect(PlayerTableHandle.descriptor.uniqueIndexes.map(\.name) == ["id", "gamertag"])
        #expect(AccountTableHandle.descriptor.primaryKey == nil)
        #expect(AccountTableHandle.descriptor.uniqueIndexes.map(\.name) == ["email", "nickname"])
        #expect(EventLogTableHandle.descriptor.uniqueIndexes.isEmpty)
    }
}

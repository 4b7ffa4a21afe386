import Foundation
import QuickstartChat
import SpacetimeDB

/// Decode throughput of row-heavy server messages: the message, then every row as a quickstart `Message`.
enum BSATNBenchmark: Benchmark {
    static let name = "bsatn"
    static let summary = "decode v1/v2 TransactionUpdates carrying 100k message rows (rows/s, MB/s)"

    struct Options {
        var rows = 100_000
        var runs = 9
    }

    static func parse(_ arguments: [String]) -> Options? {
        let defaults = Options()
        guard let given = BenchmarkArguments(arguments, known: ["--rows", "--runs"]),
            let rows = given.int("--rows", fallback: defaults.rows), rows > 0,
            let runs = given.int("--runs", fallback: defaults.runs), runs > 0
        else { return nil }
        return Options(rows: rows, runs: runs)
    }

    /// Realistic `message` rows: three senders, rising timestamps, texts of 8 to ~90 bytes (some non-ASCII).
    static func makeRows(count: Int) -> [Message] {
        let senders = [
            "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975",
            "c200945d7088bdc077a73370304d83026d3dfd58b7ac85579f2300b738a3ec08",
            "c20084ae59435ca1867d5022eb9dc99edea8369062e328ee989bb5ee33076d24",
        ].compactMap { Identity(hex: $0) }
        let words = ["hello", "world", "spacetime", "chat", "漢字", "🎉", "ok", "lunch?", "see", "you", "at", "noon"]
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { index in
            let text = (0..<(1 + next() % 12)).map { _ in words[next() % words.count] }.joined(separator: " ")
            return Message(
                sender: senders[index % senders.count],
                sent: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381 + Int64(index) * 1_000),
                text: "#\(index) \(text)")
        }
    }

    /// A decoder under test: decodes one payload and returns (rows decoded, a checksum that defeats dead-code elimination).
    struct Case {
        let label: String
        let bytes: [UInt8]
        let decode: ([UInt8]) throws -> (rows: Int, checksum: Int)
    }

    static func decodeRows(_ list: BsatnRowList, into checksum: inout Int) throws -> Int {
        let rows = try list.rows()
        for row in rows {
            let message = try Message(bsatnBytes: row)
            checksum &+= message.text.utf8.count &+ Int(truncatingIfNeeded: message.sent.microsecondsSinceUnixEpoch)
        }
        return rows.count
    }

    static func decodeV1(_ message: V1.ServerMessage) throws -> (rows: Int, checksum: Int) {
        guard case .transactionUpdate(let update) = message, case .committed(let database) = update.status else {
            throw BenchmarkError.unexpected("not a committed v1 TransactionUpdate")
        }
        var checksum = 0
        var rows = 0
        for table in database.tables {
            for query in table.updates {
                let update = try query.queryUpdate()
                rows += try decodeRows(update.inserts, into: &checksum) + decodeRows(update.deletes, into: &checksum)
            }
        }
        return (rows, checksum)
    }

    static func decodeV2(_ messages: [V2.ServerMessage]) throws -> (rows: Int, checksum: Int) {
        var checksum = 0
        var rows = 0
        for message in messages {
            guard case .transactionUpdate(let update) = message else { throw BenchmarkError.unexpected("not a v2 TransactionUpdate") }
            for set in update.querySets {
                for table in set.tables {
                    for change in table.rows {
                        guard case .persistentTable(let persistent) = change else { continue }
                        rows += try decodeRows(persistent.inserts, into: &checksum) + decodeRows(persistent.deletes, into: &checksum)
                    }
                }
            }
        }
        return (rows, checksum)
    }

    static func run(arguments: [String]) -> Int32 {
        guard let options = parse(arguments) else {
            FileHandle.standardError.write(Data("usage: spacetime-bench bsatn [--rows N] [--runs N]\n".utf8))
            return 2
        }
        let rows = makeRows(count: options.rows)
        let list = BsatnRowList(rows: rows)
        let caller = Identity(hex: "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975") ?? .zero

        let v1 = V1.ServerMessage.transactionUpdate(
            .init(
                status: .committed(
                    .init(tables: [
                        .init(
                            tableId: 4096, tableName: "message", numRows: UInt64(rows.count),
                            updates: [.uncompressed(.init(deletes: .empty, inserts: list))])
                    ])),
                timestamp: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381), callerIdentity: caller,
                callerConnectionId: ConnectionId(0x3b0f_9c2d_7a4e_1f60_b5c8_d9e0_a1b2_c3d4),
                reducerCall: .init(reducerName: "send_message", reducerId: 1, args: SendMessageArgs(text: "hi").bsatnBytes(), requestId: 1),
                energyQuantaUsed: EnergyQuanta(1_000), totalHostExecutionDuration: TimeDuration(microseconds: 1_234)))
        let v2 = V2.ServerMessage.transactionUpdate(
            .init(querySets: [
                .init(
                    querySetId: QuerySetId(1),
                    tables: [.init(tableName: "message", rows: [.persistentTable(.init(inserts: list, deletes: .empty))])])
            ]))
        let v1Bytes = v1.bsatnBytes()
        let v2Bytes = v2.bsatnBytes()

        let cases: [Case] = [
            Case(label: "v1 TransactionUpdate (message BSATN)", bytes: v1Bytes) { bytes in
                try decodeV1(V1.ServerMessage(bsatnBytes: bytes))
            },
            Case(label: "v2 TransactionUpdate (message BSATN)", bytes: v2Bytes) { bytes in
                try decodeV2([V2.ServerMessage(bsatnBytes: bytes)])
            },
            Case(label: "v1 server frame, tag 0 (none)", bytes: v1.frame(requested: .none)) { bytes in
                try decodeV1(V1.ServerMessage(frame: bytes[...]))
            },
            Case(label: "v3 server frame, tag 0 (none)", bytes: V3.encodeServerFrame([v2], requested: .none)) { bytes in
                try decodeV2(V3.decodeServerFrame(bytes[...]))
            },
            Case(label: "v2 server frame, tag 2 (gzip)", bytes: v2.frame(requested: .gzip)) { bytes in
                try decodeV2([V2.ServerMessage(frame: bytes[...])])
            },
            Case(label: "v2 server frame, tag 1 (brotli)", bytes: v2.frame(requested: .brotli)) { bytes in
                try decodeV2([V2.ServerMessage(frame: bytes[...])])
            },
        ]

        print("spacetime-bench bsatn: \(rows.count) quickstart `message` rows per message; row data \(list.rowsData.count) bytes, size hint \(hintName(list.sizeHint))")
        print("method: build each payload once; per run, decode the payload from bytes (envelope + inflate for frames),")
        print("        check the size hint, then decode every row slice into `Message`. Median of \(options.runs) runs after 1 warm-up;")
        print("        MB/s counts the bytes handed to the decoder (compressed size for compressed frames), 1 MB = 10^6 bytes.")
        print("")
        print(pad("case", 40) + pad("bytes", 12) + pad("median ms", 12) + pad("rows/s", 16) + "MB/s")
        for benchmarkCase in cases {
            do {
                let (median, decodedRows) = try measure(benchmarkCase, runs: options.runs)
                guard decodedRows == rows.count else { throw BenchmarkError.unexpected("decoded \(decodedRows) rows") }
                let seconds = Double(median.components.seconds) + Double(median.components.attoseconds) / 1e18
                print(
                    pad(benchmarkCase.label, 40) + pad("\(benchmarkCase.bytes.count)", 12)
                        + pad(String(format: "%.2f", seconds * 1000), 12)
                        + pad(String(format: "%.0f", Double(decodedRows) / seconds), 16)
                        + String(format: "%.1f", Double(benchmarkCase.bytes.count) / seconds / 1e6))
            } catch {
                print("\(benchmarkCase.label): failed: \(error)")
                return 1
            }
        }
        return 0
    }

    static func measure(_ benchmarkCase: Case, runs: Int) throws -> (Duration, Int) {
        let clock = ContinuousClock()
        var times: [Duration] = []
        var rowsDecoded = 0
        var sink = 0
        for run in 0...runs {
            let start = clock.now
            let result = try benchmarkCase.decode(benchmarkCase.bytes)
            let elapsed = clock.now - start
            sink &+= result.checksum
            rowsDecoded = result.rows
            if run > 0 { times.append(elapsed) }  // run 0 warms caches and the allocator
        }
        if sink == 42 { print("") }  // keeps the checksum observable
        times.sort()
        return (times[times.count / 2], rowsDecoded)
    }

    static func hintName(_ hint: RowSizeHint) -> String {
        switch hint {
        case .fixedSize(let size): return "FixedSize(\(size))"
        case .rowOffsets(let offsets): return "RowOffsets(\(offsets.count) offsets)"
        }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

/// Why a benchmark stopped.
enum BenchmarkError: Error, CustomStringConvertible {
    case unexpected(String)
    var description: String {
        switch self {
        case .unexpected(let what): return "unexpected result: \(what)"
        }
    }
}

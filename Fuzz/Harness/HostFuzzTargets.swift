import Foundation
import Logging
import QuickstartChat
import SpacetimeDB
@testable import ChatHost

/// The host's input surfaces: what a client sends over the WebSocket, SQL texts, and data files.
enum HostFuzzTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(name: "v1-client", surface: "a v1.bsatn client frame, decoded and handled as the engine does") {
            v1Client($0)
        },
        FuzzTarget(name: "v2-client", surface: "a v2.bsatn client frame, decoded and handled as the engine does") {
            v2Client($0)
        },
        FuzzTarget(name: "v3-client", surface: "a v3.bsatn client frame (batched v2), message by message") {
            v3Client($0)
        },
        FuzzTarget(name: "sql", surface: "a subscription or one-off query text, parsed and run on a small table") {
            sql(String(decoding: $0, as: UTF8.self))
        },
        FuzzTarget(name: "commit-log", surface: "arbitrary bytes as commitlog.stchl, opened as a host start does") {
            commitLog($0)
        },
    ]

    static let caller = Identity(UInt256(words: (0xC2C2, 0x1, 0x2, 0x3)))

    /// A few rows for queries to scan and reducers to check against: the caller and one message.
    static let tables: ChatTables = {
        var tables = ChatTables()
        tables.apply(QuickstartChatModule.identityConnected(sender: caller, tables: tables))
        if case .success(let changes) = QuickstartChatModule.sendMessage("hello", sender: caller, timestamp: Timestamp(microsecondsSinceUnixEpoch: 1)) {
            tables.apply(changes)
        }
        return tables
    }()

    static func v1Client(_ bytes: [UInt8]) {
        guard let message = try? V1.ClientMessage(bsatnBytes: bytes) else { return }
        roundTrip(message, bytes)
        switch message {
        case .callReducer(let call): reducer(call.reducer, args: call.args)
        case .subscribe(let subscribe): subscribe.queryStrings.forEach(sql)
        case .subscribeMulti(let multi): multi.queryStrings.forEach(sql)
        case .subscribeSingle(let single): sql(single.query)
        case .oneOffQuery(let query): sql(query.queryString)
        case .unsubscribe, .unsubscribeMulti, .callProcedure: break
        }
    }

    static func v2Client(_ bytes: [UInt8]) {
        guard let message = try? V2.ClientMessage(bsatnBytes: bytes) else { return }
        roundTrip(message, bytes)
        handleV2(message)
    }

    /// As the engine does: messages are handled as they are decoded, until the first bad one.
    static func v3Client(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        var reader = BSATNReader(bytes)
        while !reader.isAtEnd {
            guard let message = try? V2.ClientMessage(bsatn: &reader) else { return }
            handleV2(message)
        }
        // A frame that decodes whole must also decode through the SDK's v3 helper, to the same messages.
        let batch = try? V3.decodeClientFrame(bytes[...])
        precondition(batch.map { V3.encodeClientFrame($0) } == bytes, "v3 client frame does not round-trip")
    }

    static func handleV2(_ message: V2.ClientMessage) {
        switch message {
        case .callReducer(let call): reducer(call.reducer, args: call.args)
        case .subscribe(let subscribe): subscribe.queryStrings.forEach(sql)
        case .oneOffQuery(let query): sql(query.queryString)
        case .unsubscribe, .callProcedure: break
        }
    }

    /// A decoded client message re-encodes to exactly the bytes it came from (BSATN is canonical).
    static func roundTrip<M: BSATNCodable>(_ message: M, _ bytes: [UInt8]) {
        precondition(message.bsatnBytes() == bytes, "\(M.self) does not re-encode to its bytes")
    }

    static func reducer(_ name: String, args: [UInt8]) {
        _ = QuickstartChatModule.callFromClient(
            reducer: name, args: args, sender: caller, timestamp: Timestamp(microsecondsSinceUnixEpoch: 2), tables: tables)
    }

    static func sql(_ text: String) {
        guard let queries = try? SQLQuery.parse(text) else { return }
        for query in queries { _ = UpdateBuilder.rows(of: query, in: tables) }
    }

    // MARK: - Commit log

    /// A private directory per process, on tmpfs when there is one (each run writes and fsyncs the log).
    static let logDirectory: URL = {
        let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let url = URL(fileURLWithPath: base).appendingPathComponent("spacetime-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: HostFuzzTargets.logDirectory.path) }
        return url
    }()

    static let quietLogger = Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }

    /// The bytes as the data directory's log, opened as a host start does: a clean refusal (a thrown
    /// `HostError`) that leaves the file exactly as it was, or a clean start. A clean start must be
    /// stable: opening again restores the same rows.
    static func commitLog(_ bytes: [UInt8]) {
        let path = logDirectory.appendingPathComponent("commitlog.stchl").path
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".tmp")
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            preconditionFailure("cannot write \(path)")
        }
        guard let (first, firstLog) = try? ChatHost.restore(directory: logDirectory, recoverDamage: false, logger: quietLogger)
        else {
            // A log the host cannot fully read is never rewritten (only `--recover` moves it aside), not
            // even a torn tail after the record that refused the start.
            let after = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            precondition(after == bytes, "a refused start rewrote the log file (\(bytes.count) bytes before, \(after.count) after)")
            return
        }
        firstLog.closeFile()
        guard
            let (second, secondLog) = try? ChatHost.restore(directory: logDirectory, recoverDamage: false, logger: quietLogger)
        else {
            preconditionFailure("a log the host started from is refused on the next start")
        }
        secondLog.closeFile()
        precondition(first == second, "a second start restores different rows")
        precondition(secondLog.droppedTailBytes == 0, "a second start drops bytes the first one kept")
    }
}

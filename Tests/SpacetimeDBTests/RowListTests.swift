import QuickstartChat
import Testing

@testable import SpacetimeDB

/// Row lists: the server's size-hint choice, zero-copy iteration, and typed errors for bad hints.
@Suite("BsatnRowList")
struct RowListTests {
    static let alice = Identity(hex: "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975") ?? .zero

    struct BuilderCase: Sendable, CustomTestStringConvertible {
        let label: String
        let rows: [[UInt8]]
        let hint: RowSizeHint
        var testDescription: String { label }
    }

    // crates/core/src/subscription/websocket_building.rs: FixedSize while all rows share one non-zero
    // length, RowOffsets from the first different length, RowOffsets([]) when empty, offsets for empty rows.
    static let builderCases: [BuilderCase] = [
        BuilderCase(label: "empty", rows: [], hint: .rowOffsets([])),
        BuilderCase(label: "one row", rows: [[1, 2, 3]], hint: .fixedSize(3)),
        BuilderCase(label: "equal rows", rows: [[1, 2], [3, 4], [5, 6]], hint: .fixedSize(2)),
        BuilderCase(label: "second row differs", rows: [[1, 2], [3], [4, 5]], hint: .rowOffsets([0, 2, 3])),
        BuilderCase(label: "last row differs", rows: [[1], [2], [3, 4]], hint: .rowOffsets([0, 1, 2])),
        BuilderCase(label: "zero-length first row", rows: [[], [1]], hint: .rowOffsets([0, 0])),
        BuilderCase(label: "only zero-length rows", rows: [[], []], hint: .rowOffsets([0, 0])),
        BuilderCase(label: "row longer than u16", rows: [Array(repeating: 7, count: 70_000)], hint: .rowOffsets([0])),
    ]

    @Test(arguments: builderCases)
    func builderChoosesHintLikeTheServer(_ testCase: BuilderCase) throws {
        let list = BsatnRowList(encodedRows: testCase.rows)
        #expect(list.sizeHint == testCase.hint)
        #expect(Array(list.rowsData) == testCase.rows.flatMap { $0 })
        let rows = try list.rows()
        #expect(rows.count == testCase.rows.count)
        #expect(rows.map { Array($0) } == testCase.rows)
        // Through the wire and back.
        let decoded = try BsatnRowList(bsatnBytes: list.bsatnBytes())
        #expect(decoded == list)
        #expect(try decoded.rows().map { Array($0) } == testCase.rows)
    }

    @Test func typedRowsRoundTrip() throws {
        let users = [
            User(identity: Self.alice, name: nil, online: true),
            User(identity: Self.alice, name: "alice", online: false),
            User(identity: .zero, name: "漢字さん", online: true),
        ]
        let list = BsatnRowList(rows: users)
        #expect(list.sizeHint == .rowOffsets([0, 34, 34 + 43]))
        #expect(try list.decodeRows(as: User.self) == users)
        // A variable-length type still gets FixedSize when every row has the same length (gotcha 8).
        #expect(BsatnRowList(rows: [users[1]]).sizeHint == .fixedSize(43))
    }

    @Test func rowsAreSlicesOfTheReceivedBuffer() throws {
        let messages = (0..<5).map {
            Message(sender: Self.alice, sent: Timestamp(microsecondsSinceUnixEpoch: Int64($0)), text: String(repeating: "m", count: $0))
        }
        let bytes = V2.PersistentTableRows(inserts: BsatnRowList(rows: messages), deletes: .empty).bsatnBytes()
        let decoded = try V2.PersistentTableRows(bsatnBytes: bytes)
        let bufferBase = bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        let rows = try decoded.inserts.rows()
        for (index, row) in rows.enumerated() {
            let rowBase = row.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
            #expect(rowBase == bufferBase + UInt(row.startIndex), "row \(index) shares the buffer")
            #expect(try Message(bsatnBytes: row) == messages[index])
        }
    }

    struct BadHintCase: Sendable, CustomTestStringConvertible {
        let label: String
        let hint: RowSizeHint
        let dataCount: Int
        var testDescription: String { label }
    }

    static let badHints: [BadHintCase] = [
        BadHintCase(label: "FixedSize(0) with data", hint: .fixedSize(0), dataCount: 3),
        BadHintCase(label: "length not a multiple", hint: .fixedSize(4), dataCount: 10),
        BadHintCase(label: "offsets out of order", hint: .rowOffsets([0, 6, 3]), dataCount: 10),
        BadHintCase(label: "offset beyond data", hint: .rowOffsets([0, 11]), dataCount: 10),
        BadHintCase(label: "first offset not zero", hint: .rowOffsets([2, 5]), dataCount: 10),
        BadHintCase(label: "data without offsets", hint: .rowOffsets([]), dataCount: 1),
        BadHintCase(label: "huge offset", hint: .rowOffsets([0, .max]), dataCount: 4),
    ]

    @Test(arguments: badHints)
    func badHintsThrowTypedErrors(_ testCase: BadHintCase) {
        let list = BsatnRowList(sizeHint: testCase.hint, rowsData: Array(repeating: 1, count: testCase.dataCount)[...])
        #expect(throws: BSATNDecodingError.self) { try list.rows() }
        #expect(throws: BSATNDecodingError.self) { try list.decodeRows(as: UInt8.self) }
        do {
            _ = try list.rows()
        } catch {
            guard case .invalidValue(let type, let offset, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(type == "BsatnRowList")
            #expect(offset >= 0 && offset <= testCase.dataCount)
        }
    }

    @Test func emptyFixedSizeZeroIsEmpty() throws {
        #expect(try BsatnRowList(sizeHint: .fixedSize(0), rowsData: []).rows().isEmpty)
        #expect(try BsatnRowList(sizeHint: .fixedSize(9), rowsData: []).rows().isEmpty)
    }

    @Test func rowThatDoesNotSpanItsBytesIsAnError() {
        // Two 3-byte rows decoded as u16: each leaves a byte over.
        let list = BsatnRowList(sizeHint: .fixedSize(3), rowsData: [1, 2, 3, 4, 5, 6])
        #expect(throws: BSATNDecodingError.trailingBytes(offset: 2, count: 1)) { try list.decodeRows(as: UInt16.self) }
    }
}

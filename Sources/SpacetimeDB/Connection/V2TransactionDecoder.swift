/// Decodes a v2 `TransactionUpdate`, or a `ReducerResult` that committed, straight into the
/// ``ServerEvent`` the connection applies (the v2 counterpart of ``V1TransactionDecoder``); v3
/// frames, which carry v2 messages back to back, take it too.
///
/// The general path builds a ``V2/ServerMessage`` first (arrays of ``V2/QuerySetUpdate``s, of
/// ``V2/TableUpdate``s, of ``V2/TableUpdateRows`` enums) and then maps it onto ``ServerEvent``,
/// copying the row lists once more and destroying the message. This reads the same fields in the
/// same order with the same ``BSATNReader`` calls, into the event's own arrays. Table names the
/// module declares come back as the module's own strings (``KnownStrings``).
///
/// It only takes the common case. Anything else returns nil and the general decoder runs on the
/// same payload: other messages, reducer results that failed (their text has its own rendering),
/// and every malformed payload, so errors are the general decoder's, word for word. A payload it
/// accepts, the general decoder accepts too, with the same meaning (`V2TransactionDecoderTests`
/// compares the two on the official vectors, random messages and damaged copies).
enum V2TransactionDecoder {
    /// The event for `payload` (a v2 server message without the frame's compression byte), or nil
    /// when the general decoder must handle it. `names`: the table names to expect.
    static func event(payload: ArraySlice<UInt8>, names: KnownStrings = .none) -> ServerEvent? {
        var reader = BSATNReader(payload)
        guard let event = try? message(&reader, names: names), reader.isAtEnd else { return nil }
        return event
    }

    /// The events of a v3 payload (v2 server messages back to back, without the frame's compression
    /// byte), or nil when any of them is not one this decoder takes: the general decoder then
    /// decodes the whole payload, so a frame's events and errors are the general decoder's.
    static func events(v3Payload payload: ArraySlice<UInt8>, names: KnownStrings = .none) -> [ServerEvent]? {
        guard !payload.isEmpty else { return nil }
        var reader = BSATNReader(payload)
        var events: [ServerEvent] = []
        while !reader.isAtEnd {
            guard let event = try? message(&reader, names: names) else { return nil }
            events.append(event)
        }
        return events
    }

    /// One message from `reader`; nil (or a thrown error) when the general decoder must handle it.
    private static func message(_ reader: inout BSATNReader, names: KnownStrings) throws(BSATNDecodingError) -> ServerEvent? {
        switch try reader.readTag() {
        case 4: return try transactionChanges(&reader, names: names).map { .transaction(changes: $0) }
        case 6: return try reducerResult(&reader, names: names)
        default: return nil
        }
    }

    /// `ReducerResult`: request id, timestamp, outcome; nil unless the outcome is `Ok` or `OkEmpty`.
    private static func reducerResult(_ reader: inout BSATNReader, names: KnownStrings) throws(BSATNDecodingError) -> ServerEvent? {
        let requestId = try reader.readUInt32()
        let timestamp = try Timestamp(bsatn: &reader)
        var changes: [TableRowChanges] = []
        switch try reader.readTag() {
        case 0:
            _ = try reader.readByteArray()  // the return value: not reported, as in the general path
            guard let tables = try transactionChanges(&reader, names: names) else { return nil }
            changes = tables
        case 1:
            break
        default:
            return nil
        }
        return .reducerResult(requestId: requestId, timestamp: timestamp, status: .committed, changes: changes)
    }

    /// A `TransactionUpdate`: per query set its id and tables; per table its name and row lists.
    /// One change per table, as ``ServerEventDecoder/changes(_:)-(V2.TransactionUpdate)`` makes them;
    /// nil at a row-list tag the general decoder must report.
    private static func transactionChanges(_ reader: inout BSATNReader, names: KnownStrings) throws(BSATNDecodingError) -> [TableRowChanges]? {
        var changes: [TableRowChanges] = []
        let querySetCount = try reader.readLength()
        for _ in 0..<querySetCount {
            try reader.skip(MemoryLayout<UInt32>.size)  // query set id: the changes are the same whichever set
            let tableCount = try reader.readLength()
            // As `readArray`: never reserve more than one element per byte left.
            changes.reserveCapacity(changes.count + Swift.min(tableCount, reader.remaining))
            for _ in 0..<tableCount {
                var change = TableRowChanges(tableName: try reader.readString(known: names), inserts: [], deletes: [])
                let rowsCount = try reader.readLength()
                for _ in 0..<rowsCount {
                    switch try reader.readTag() {
                    case 0:
                        let inserts = try BsatnRowList(bsatn: &reader)
                        let deletes = try BsatnRowList(bsatn: &reader)
                        if !inserts.hasNoRows { change.inserts.appendList(inserts) }
                        if !deletes.hasNoRows { change.deletes.appendList(deletes) }
                    case 1:
                        change.events.append(try BsatnRowList(bsatn: &reader))
                    default:
                        return nil
                    }
                }
                changes.append(change)
            }
        }
        return changes
    }
}

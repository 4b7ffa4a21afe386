/// Decodes a v1 `TransactionUpdate` or `TransactionUpdateLight` payload straight into the
/// ``ServerEvent`` the connection applies.
///
/// The general path builds a ``V1/ServerMessage`` first (an array of ``V1/TableUpdate``s, each with
/// an array of ``V1/CompressableQueryUpdate`` enums, a copied ``V1/ReducerCallInfo``) and then maps
/// it onto ``ServerEvent``, copying the row lists once more and destroying the message: about a
/// third of a small transaction's work. This reads the same fields in the same order with the same
/// ``BSATNReader`` calls, into the event's own arrays, and leaves out row lists without rows. Table
/// and reducer names the module declares come back as the module's own strings (``KnownStrings``):
/// the same value, without building and validating a new string for every message.
///
/// It only takes the common case. Anything else returns nil and the general decoder runs on the
/// same payload: other messages, query updates compressed on their own (rare, and they need their
/// own error mapping), and every malformed payload, so errors are the general decoder's, word for
/// word. A payload it accepts, the general decoder accepts too, with the same meaning
/// (`V1TransactionDecoderTests` compares the two on the official vectors and on damaged copies).
enum V1TransactionDecoder {
    /// The event for `payload` (a v1 server message without the frame's compression byte), or nil
    /// when the general decoder must handle it. `names`: the table and reducer names to expect.
    static func event(payload: ArraySlice<UInt8>, names: KnownStrings = .none) -> ServerEvent? {
        var reader = BSATNReader(payload)
        do {
            let event: ServerEvent?
            switch try reader.readTag() {
            case 1: event = try transactionUpdate(&reader, names: names)
            case 2: event = try transactionUpdateLight(&reader, names: names)
            default: return nil
            }
            guard reader.isAtEnd else { return nil }
            return event
        } catch {
            return nil
        }
    }

    /// `TransactionUpdate`: status (with the tables when committed), timestamp, caller identity and
    /// connection, reducer call (name, id, args, request id), energy, host duration.
    private static func transactionUpdate(_ reader: inout BSATNReader, names: KnownStrings) throws(BSATNDecodingError) -> ServerEvent? {
        let status: ReducerStatus
        var changes: [TableRowChanges] = []
        switch try reader.readTag() {
        case 0:
            guard let tables = try tableChanges(&reader, names: names) else { return nil }
            changes = tables
            status = .committed
        case 1: status = .failed(try reader.readString())
        case 2: status = .outOfEnergy
        default: return nil
        }
        let timestamp = try Timestamp(bsatn: &reader)
        let callerIdentity = try Identity(bsatn: &reader)
        let callerConnectionId = try ConnectionId(bsatn: &reader)
        let reducerName = try reader.readString(known: names)
        try reader.skip(MemoryLayout<UInt32>.size)  // reducer id: the SDK keys reducers by name
        let args = try reader.readByteArray()
        let requestId = try reader.readUInt32()
        let energy = try reader.readUInt128()
        try reader.skip(MemoryLayout<Int64>.size)  // total host execution duration: not reported
        let info = ReducerTransaction(
            reducerName: reducerName, args: args, requestId: requestId, status: status, timestamp: timestamp,
            callerIdentity: callerIdentity, callerConnectionId: callerConnectionId, energy: energy)
        return .reducerTransaction(info, changes: changes)
    }

    /// `TransactionUpdateLight`: request id, then the tables.
    private static func transactionUpdateLight(_ reader: inout BSATNReader, names: KnownStrings) throws(BSATNDecodingError) -> ServerEvent? {
        try reader.skip(MemoryLayout<UInt32>.size)  // request id: light updates are other clients' transactions
        guard let changes = try tableChanges(&reader, names: names) else { return nil }
        return .transaction(changes: changes)
    }

    /// A `DatabaseUpdate`: per table its id, name, row count and query updates; nil at the first
    /// query update that is not `Uncompressed` (tag 0).
    private static func tableChanges(_ reader: inout BSATNReader, names: KnownStrings) throws(BSATNDecodingError) -> [TableRowChanges]? {
        let tableCount = try reader.readLength()
        var changes: [TableRowChanges] = []
        // As `readArray`: never reserve more than one element per byte left.
        changes.reserveCapacity(Swift.min(tableCount, reader.remaining))
        for _ in 0..<tableCount {
            try reader.skip(MemoryLayout<UInt32>.size)  // table id: not stable, tables are found by name
            let tableName = try reader.readString(known: names)
            try reader.skip(MemoryLayout<UInt64>.size)  // number of rows: the lists say
            let updateCount = try reader.readLength()
            var change = TableRowChanges(tableName: tableName, inserts: [], deletes: [])
            for _ in 0..<updateCount {
                guard try reader.readTag() == 0 else { return nil }
                // v1 `QueryUpdate`: deletes, then inserts.
                let deletes = try BsatnRowList(bsatn: &reader)
                let inserts = try BsatnRowList(bsatn: &reader)
                if !inserts.hasNoRows { change.inserts.appendList(inserts) }
                if !deletes.hasNoRows { change.deletes.appendList(deletes) }
            }
            changes.append(change)
        }
        return changes
    }
}

import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The QuickstartChat bindings: module registration, reducer argument encoding, reducer decoding.
@Suite struct BindingsTests {
    @Test func moduleRegistersBothTablesWithTheirKeys() {
        let module = QuickstartChatModule.descriptor
        // The generator lists tables and reducers by name (a schema carries no source order).
        #expect(module.tables.map(\.name) == ["message", "user"])
        #expect(module.reducerNames == ["send_message", "set_name"])
        #expect(module.allTablesQueries == ["SELECT * FROM message", "SELECT * FROM user"])
        #expect(UserTableHandle.descriptor.primaryKey?.name == "identity")
        #expect(MessageTableHandle.descriptor.primaryKey == nil)
    }

    @Test func reducerEventsDecodeIntoTypedCalls() {
        func event(_ name: String, _ args: [UInt8]) -> ReducerEvent {
            ReducerEvent(reducerName: name, args: args, status: .committed, timestamp: .unixEpoch, callerIdentity: .zero,
                         callerConnectionId: nil, energyConsumed: nil, isOwnCall: false)
        }
        #expect(Reducer(event("set_name", SetNameArgs(name: "A").bsatnBytes())) == .setName(name: "A"))
        #expect(Reducer(event("send_message", SendMessageArgs(text: "hi").bsatnBytes())) == .sendMessage(text: "hi"))
        #expect(Reducer(event("send_message", [])) == nil)
        #expect(Reducer(event("identity_connected", [])) == nil)
    }

    @Test func reducerCallsSendTheSpecVectorBytes() throws {
        // §9: v1 CallReducer{"send_message", args=bsatn("Hello"), request_id 7, flags 0}.
        let request = ClientRequest.callReducer(name: "send_message", args: SendMessageArgs(text: "Hello").bsatnBytes(), requestId: 7)
        #expect(request.encoded(for: .v1, allTablesQueries: []) == Hex.bytes(
            "000c00000073656e645f6d6573736167650900000005000000" + "48656c6c6f0700000000"))
        #expect(request.encoded(for: .v2, allTablesQueries: []) == Hex.bytes(
            "030700000000" + "0c00000073656e645f6d657373616765090000000500000048656c6c6f"))
    }
}

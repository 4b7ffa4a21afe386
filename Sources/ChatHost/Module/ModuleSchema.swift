/// quickstart-chat's `RawModuleDefV9`, as `GET /v1/database/<db>/schema?version=9` returns it.
///
/// Written as a real SpacetimeDB server serializes the validated module (`RawModuleDefV9::from(ModuleDef)`):
/// SATS-JSON, compact; generated index and constraint names (`user_identity_idx_btree`,
/// `user_identity_key`); tables, reducers and types sorted by name; special types inlined as
/// one-field products; `Option<String>` as a `some`/`none` sum. The typespace lists `User` (ref 0) then
/// `Message` (ref 1), the order the module declares them.
public enum ModuleSchema {
    static let identityType = #"{"Product":{"elements":[{"name":{"some":"__identity__"},"algebraic_type":{"U256":[]}}]}}"#
    static let timestampType =
        #"{"Product":{"elements":[{"name":{"some":"__timestamp_micros_since_unix_epoch__"},"algebraic_type":{"I64":[]}}]}}"#
    static let optionStringType =
        #"{"Sum":{"variants":[{"name":{"some":"some"},"algebraic_type":{"String":[]}},{"name":{"some":"none"},"algebraic_type":{"Product":{"elements":[]}}}]}}"#

    static func element(_ name: String, _ type: String) -> String {
        #"{"name":{"some":""# + name + #""},"algebraic_type":"# + type + "}"
    }

    static func product(_ elements: [String]) -> String {
        #"{"elements":["# + elements.joined(separator: ",") + "]}"
    }

    static let userType = #"{"Product":"#
        + product([
            element("identity", identityType), element("name", optionStringType), element("online", #"{"Bool":[]}"#),
        ]) + "}"
    static let messageType = #"{"Product":"#
        + product([
            element("sender", identityType), element("sent", timestampType), element("text", #"{"String":[]}"#),
        ]) + "}"

    static let messageTable =
        #"{"name":"message","product_type_ref":1,"primary_key":[],"indexes":[],"constraints":[],"sequences":[],"schedule":{"none":[]},"table_type":{"User":[]},"table_access":{"Public":[]}}"#
    static let userTable =
        #"{"name":"user","product_type_ref":0,"primary_key":[0],"indexes":[{"name":{"some":"user_identity_idx_btree"},"accessor_name":{"some":"identity"},"algorithm":{"BTree":[0]}}],"constraints":[{"name":{"some":"user_identity_key"},"data":{"Unique":{"columns":[0]}}}],"sequences":[],"schedule":{"none":[]},"table_type":{"User":[]},"table_access":{"Public":[]}}"#

    static func reducer(_ name: String, params: [String], lifecycle: QuickstartChatModule.Lifecycle?) -> String {
        let lifecycleJSON = lifecycle.map { #"{"some":{""# + $0.rawValue + #"":[]}}"# } ?? #"{"none":[]}"#
        return #"{"name":""# + name + #"","params":"# + product(params) + #","lifecycle":"# + lifecycleJSON + "}"
    }

    /// The JSON body, byte for byte.
    public static let rawModuleDefV9JSON: String = {
        let reducers = [
            reducer("identity_connected", params: [], lifecycle: .onConnect),
            reducer("identity_disconnected", params: [], lifecycle: .onDisconnect),
            reducer("init", params: [], lifecycle: .initialize),
            reducer("send_message", params: [element("text", #"{"String":[]}"#)], lifecycle: nil),
            reducer("set_name", params: [element("name", #"{"String":[]}"#)], lifecycle: nil),
        ]
        let types =
            #"[{"name":{"scope":[],"name":"Message"},"ty":1,"custom_ordering":true},{"name":{"scope":[],"name":"User"},"ty":0,"custom_ordering":true}]"#
        return #"{"typespace":{"types":["# + userType + "," + messageType + #"]},"tables":["# + messageTable + ","
            + userTable + #"],"reducers":["# + reducers.joined(separator: ",") + #"],"types":"# + types
            + #","misc_exports":[],"row_level_security":[]}"#
    }()
}

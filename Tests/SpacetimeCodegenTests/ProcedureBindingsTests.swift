import Testing

@testable import SpacetimeCodegen

/// Procedures become `…ProcedureArgs` structs and `RemoteProcedures` methods with typed returns.
@Suite("Procedure bindings")
struct ProcedureBindingsTests {
    static let options = GeneratorOptions(schemaSource: "test.json", moduleName: "test")

    static func generate(_ json: String) throws -> [String: String] {
        try generatedFiles(Array(json.utf8), options: options)
    }

    @Test("rich V9: every procedure is callable, with its arguments struct and mapped return type")
    func richModel() throws {
        let model = try BindingsModel.build(try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json")))
        #expect(model.procedures.map(\.swiftName) == ["fetchScores", "findPlayer", "purgeEvents"])
        #expect(model.procedures.map(\.argsType) == [
            "FetchScoresProcedureArgs", "FindPlayerProcedureArgs", "PurgeEventsProcedureArgs",
        ])
        #expect(model.procedures.map(\.returnType) == [.named("Scores"), .optional(.named("Player")), .unit])
        #expect(model.procedures[1].params.map(\.type) == [.string, .optional(.timestamp)])
        #expect(model.procedures[2].params.map(\.swiftName) == ["olderThan"])
        #expect(model.skippedProcedures.isEmpty)
        #expect(model.skippedViews.isEmpty)
        let args = model.types.filter(\.isProcedureArguments).map(\.swiftName)
        #expect(args == ["FetchScoresProcedureArgs", "FindPlayerProcedureArgs", "PurgeEventsProcedureArgs"])
    }

    @Test("rich V10: the private procedure is left out with a note; the rest is V9's")
    func richV10() throws {
        let v9 = try BindingsModel.build(try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json")))
        let v10 = try BindingsModel.build(try ModuleSchema.parseV10(json: FixturePaths.fixture("rich.schema-v10.json")))
        #expect(v10.procedures == v9.procedures.filter { $0.name != "purge_events" })
        #expect(v10.skippedProcedures == [SkippedItem(name: "purge_events", reason: "private procedure: clients cannot call it")])
        let files = try BindingsGenerator.generate(
            schemaJSON: FixturePaths.fixture("rich.schema-v10.json"), options: Self.options)
        let module = try #require(files.first { $0.name == "Test.swift" })
        #expect(module.contents.contains("// Left out: procedure `purge_events`, private procedure: clients cannot call it.\n"))
        #expect(!module.contents.contains("// Left out: view"))
        #expect(!files.contains { $0.name == "PurgeEventsProcedureArgs.swift" })
    }

    @Test("return types map as fields do, and the call names the decoded type", arguments: [
        (#"{"U64":[]}"#, SwiftType.uint64, "UInt64.self"),
        (#"{"String":[]}"#, .string, "String.self"),
        (#"{"Array":{"U8":[]}}"#, .bytes, "[UInt8].self"),
        (#"{"Array":{"String":[]}}"#, .array(.string), "[String].self"),
        (#"{"Product":{"elements":[{"name":{"some":"__identity__"},"algebraic_type":{"U256":[]}}]}}"#, .identity, "Identity.self"),
        (#"{"Sum":{"variants":[{"name":{"some":"some"},"algebraic_type":{"I32":[]}},{"name":{"some":"none"},"algebraic_type":{"Product":{"elements":[]}}}]}}"#,
         .optional(.int32), "(Int32?).self"),
        (#"{"Sum":{"variants":[{"name":{"some":"ok"},"algebraic_type":{"U32":[]}},{"name":{"some":"err"},"algebraic_type":{"String":[]}}]}}"#,
         .result(.uint32, .string), "BSATNResult<UInt32, String>.self"),
        (#"{"Product":{"elements":[]}}"#, .unit, "BSATNUnit.self"),
        (#"{"Ref":0}"#, .named("Thing"), "Thing.self"),
    ])
    func returnTypes(json: String, expected: SwiftType, metatype: String) throws {
        let document = ProcedureFixtures.v9(
            types: #"[{"name":{"scope":[],"name":"Thing"},"ty":0,"custom_ordering":true}]"#,
            misc: [ProcedureFixtures.v9Procedure("get_it", returnType: json)])
        let model = try BindingsModel.build(try ModuleSchema.parseV9(json: document))
        #expect(model.procedures.map(\.returnType) == [expected])
        let remote = try #require(try Self.generate(document)["RemoteProcedures.swift"])
        #expect(remote.contains(
            "public func getIt(_ completion: @escaping @Sendable (DbConnection, Result<\(expected.spelling), ProcedureError>) -> Void) {"))
        #expect(remote.contains(
            #"connection.callProcedure("get_it", args: GetItProcedureArgs().bsatnBytes(), returning: \#(metatype), completion: completion)"#))
    }

    @Test("RemoteProcedures: parameters in order, `self.connection` when a parameter shadows it, the accessor")
    func remoteProceduresFile() throws {
        let params = [ProcedureFixtures.param("connection", #"{"U8":[]}"#), ProcedureFixtures.param("class", #"{"Bool":[]}"#)]
        let document = ProcedureFixtures.v9(misc: [
            ProcedureFixtures.v9Procedure("zeta", returnType: #"{"Bool":[]}"#),
            ProcedureFixtures.v9Procedure("alpha", params: "[" + params.joined(separator: ",") + "]", returnType: #"{"U8":[]}"#),
        ])
        let remote = try #require(try Self.generate(document)["RemoteProcedures.swift"])
        let expected = """
            // THIS FILE IS GENERATED BY spacetime-generate 1.0. DO NOT EDIT: regenerate it instead.
            // Schema: test.json (RawModuleDefV9)

            import SpacetimeDB

            /// The module's procedures: calls whose completion receives the decoded return value (`conn.procedures`).
            public struct RemoteProcedures: Sendable {
                let connection: DbConnection

                /// Calls `alpha(connection, class)`; `completion` receives its `u8` return value, or why there is none.
                public func alpha(connection: UInt8, class: Bool, _ completion: @escaping @Sendable (DbConnection, Result<UInt8, ProcedureError>) -> Void) {
                    self.connection.callProcedure("alpha", args: AlphaProcedureArgs(connection: connection, class: `class`).bsatnBytes(), returning: UInt8.self, completion: completion)
                }

                /// Calls `zeta()`; `completion` receives its `bool` return value, or why there is none.
                public func zeta(_ completion: @escaping @Sendable (DbConnection, Result<Bool, ProcedureError>) -> Void) {
                    connection.callProcedure("zeta", args: ZetaProcedureArgs().bsatnBytes(), returning: Bool.self, completion: completion)
                }
            }

            extension DbContext {
                /// The module's procedures.
                public var procedures: RemoteProcedures { RemoteProcedures(connection: connection) }
            }

            """
        #expect(remote == expected)
    }

    @Test("arguments structs say `procedure` in their summary")
    func argumentsSummary() throws {
        let document = ProcedureFixtures.v9(misc: [
            ProcedureFixtures.v9Procedure("add", params: "[" + ProcedureFixtures.param("n", #"{"U32":[]}"#) + "]", returnType: #"{"U32":[]}"#),
        ])
        let args = try #require(try Self.generate(document)["AddProcedureArgs.swift"])
        #expect(args.contains(
            "/// The arguments of test's `add(n: u32)` procedure, as the product the server decodes.\n"
                + "public struct AddProcedureArgs: Hashable, Sendable, BSATNCodable {"))
    }

    @Test("no callable procedure, no RemoteProcedures; types named Result or ProcedureError stay allowed then")
    func withoutProcedures() throws {
        let resultType = #"[{"name":{"scope":[],"name":"Result"},"ty":0,"custom_ordering":true}]"#
        let privateOnly = ProcedureFixtures.v10(
            procedures: [ProcedureFixtures.v10Procedure("hidden", returnType: #"{"U8":[]}"#, visibility: #"{"Private":[]}"#)])
        let files = try Self.generate(privateOnly)
        #expect(files["RemoteProcedures.swift"] == nil)
        #expect(files["HiddenProcedureArgs.swift"] == nil)
        #expect(files["Test.swift"]?.contains("// Left out: procedure `hidden`, private procedure: clients cannot call it.") == true)
        #expect(try Self.generate(ProcedureFixtures.v9(types: resultType, misc: []))["Result.swift"] != nil)
    }
}

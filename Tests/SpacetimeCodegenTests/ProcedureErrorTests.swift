import Testing

@testable import SpacetimeCodegen

/// Broken or colliding procedures fail with the JSON path of the problem.
@Suite("Procedure errors name their JSON path")
struct ProcedureErrorTests {
    typealias F = ProcedureFixtures

    static func model(_ json: String) throws -> BindingsModel {
        try BindingsModel.build(try ModuleSchema.parse(json: json))
    }

    @Test("a return type or parameter ref outside the typespace, in V9 and V10")
    func badRefs() {
        #expect(throws: SchemaError.badRef(path: "$.misc_exports[1].Procedure.return_type.Ref", ref: 7, typespaceCount: 1)) {
            try ModuleSchema.parse(json: F.v9(misc: [
                F.v9Procedure("ok", returnType: #"{"Ref":0}"#), F.v9Procedure("bad", returnType: #"{"Ref":7}"#),
            ]))
        }
        #expect(throws: SchemaError.badRef(path: "$.sections[1].Procedures[0].return_type.Array.Ref", ref: 1, typespaceCount: 1)) {
            try ModuleSchema.parse(json: F.v10(procedures: [F.v10Procedure("bad", returnType: #"{"Array":{"Ref":1}}"#)]))
        }
        #expect(
            throws: SchemaError.badRef(
                path: "$.misc_exports[0].Procedure.params.elements[0].algebraic_type.Ref", ref: 3, typespaceCount: 1)
        ) {
            try ModuleSchema.parse(json: F.v9(misc: [
                F.v9Procedure("bad", params: "[" + F.param("x", #"{"Ref":3}"#) + "]", returnType: #"{"U8":[]}"#),
            ]))
        }
    }

    @Test("malformed V10 procedures: no visibility, an unknown visibility, a name without a canonical form")
    func malformedV10() {
        let noVisibility = #"{"source_name":"p","params":{"elements":[]},"return_type":{"U8":[]}}"#
        #expect(throws: SchemaError.missingField(path: "$.sections[1].Procedures[0]", field: "visibility")) {
            try ModuleSchema.parse(json: F.v10(procedures: [noVisibility]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.sections[1].Procedures[0].visibility", type: "FunctionVisibility", variant: "Public",
                known: ["Private", "ClientCallable"])
        ) {
            try ModuleSchema.parse(json: F.v10(procedures: [F.v10Procedure("p", returnType: #"{"U8":[]}"#, visibility: #"{"Public":[]}"#)]))
        }
        #expect {
            try ModuleSchema.parse(json: F.v10(procedures: [F.v10Procedure("fetchIt", returnType: #"{"U8":[]}"#)]))
        } throws: { error in
            (error as? SchemaError)?.path == "$.sections[1].Procedures[0].source_name"
        }
        // With an ExplicitNames entry the same name is fine.
        let named = F.v10(
            procedures: [F.v10Procedure("fetchIt", returnType: #"{"U8":[]}"#)],
            explicitNames: #"[{"Function":{"source_name":"fetchIt","canonical_name":"fetch_it"}}]"#)
        #expect((try? ModuleSchema.parse(json: named))?.procedures.map(\.name) == ["fetch_it"])
    }

    @Test("a return type the generator cannot map names the return type's path")
    func unsupportedReturn() {
        let inline = #"{"Product":{"elements":[{"name":{"some":"a"},"algebraic_type":{"U8":[]}}]}}"#
        #expect {
            try Self.model(F.v9(misc: [F.v9Procedure("p", returnType: #"{"U8":[]}"#), F.v9Procedure("q", returnType: inline)]))
        } throws: { error in
            guard case .unsupportedType(let path, _) = error as? GenerationError else { return false }
            return path == "$.misc_exports[1].Procedure.return_type"
        }
        #expect {
            try Self.model(F.v10(procedures: [F.v10Procedure("q", returnType: inline)]))
        } throws: { error in
            guard case .unsupportedType(let path, _) = error as? GenerationError else { return false }
            return path == "$.sections[1].Procedures[0].return_type"
        }
    }

    /// The collision's path and Swift name, or nil when `json` builds or fails otherwise.
    static func collision(_ json: String) -> (path: String, swiftName: String)? {
        do {
            _ = try model(json)
            return nil
        } catch let error as GenerationError {
            guard case .nameCollision(let path, _, let swiftName, _) = error else { return nil }
            return (path, swiftName)
        } catch {
            return nil
        }
    }

    @Test("name collisions: arguments struct vs a type or a reducer's, two methods, the completion parameter")
    func collisions() throws {
        let typed = F.v9(
            types: #"[{"name":{"scope":[],"name":"FetchProcedureArgs"},"ty":0,"custom_ordering":true}]"#,
            misc: [F.v9Procedure("fetch", returnType: #"{"U8":[]}"#)])
        #expect(Self.collision(typed).map { [$0.path, $0.swiftName] } == ["$.misc_exports[0].Procedure.name", "FetchProcedureArgs"])

        let reducer = F.v9(
            reducers: #"[{"name":"fetch_procedure","params":{"elements":[]},"lifecycle":{"none":[]}}]"#,
            misc: [F.v9View("v", isPublic: false), F.v9Procedure("fetch", returnType: #"{"U8":[]}"#)])
        #expect(Self.collision(reducer).map { [$0.path, $0.swiftName] } == ["$.misc_exports[1].Procedure.name", "FetchProcedureArgs"])

        let twice = F.v10(procedures: [
            F.v10Procedure("fetch_it", returnType: #"{"U8":[]}"#), F.v10Procedure("fetchIt", returnType: #"{"U8":[]}"#),
        ], explicitNames: #"[{"Function":{"source_name":"fetchIt","canonical_name":"fetchIt"}}]"#)
        #expect(Self.collision(twice).map { [$0.path, $0.swiftName] } == ["$.sections[1].Procedures[1].source_name", "fetchIt"])

        let stored = F.v9(misc: [F.v9Procedure("connection", returnType: #"{"U8":[]}"#)])
        #expect(Self.collision(stored).map { [$0.path, $0.swiftName] } == ["$.misc_exports[0].Procedure.name", "connection"])

        let completion = F.v9(misc: [
            F.v9Procedure("p", params: "[" + F.param("completion", #"{"U8":[]}"#) + "]", returnType: #"{"U8":[]}"#),
        ])
        #expect(
            Self.collision(completion).map { [$0.path, $0.swiftName] }
                == ["$.misc_exports[0].Procedure.params.elements[0].name", "completion"])

        let resultType = F.v9(
            types: #"[{"name":{"scope":[],"name":"Result"},"ty":0,"custom_ordering":true}]"#,
            misc: [F.v9Procedure("p", returnType: #"{"U8":[]}"#)])
        #expect(Self.collision(resultType).map { [$0.path, $0.swiftName] } == ["$.typespace.types[0]", "Result"])
    }

    @Test("a type named RemoteProcedures is refused only when that struct is generated")
    func remoteProceduresName() throws {
        let types = #"[{"name":{"scope":[],"name":"RemoteProcedures"},"ty":0,"custom_ordering":true}]"#
        let options = GeneratorOptions(schemaSource: "test.json", moduleName: "test")
        #expect {
            try BindingsGenerator.generate(
                schemaJSON: Array(F.v9(types: types, misc: [F.v9Procedure("p", returnType: #"{"U8":[]}"#)]).utf8),
                options: options)
        } throws: { error in
            guard case .generation(.nameCollision(let path, _, let name, _)) = error as? GeneratorError else { return false }
            return path == "$.typespace.types[0]" && name == "RemoteProcedures"
        }
        let files = try BindingsGenerator.generate(schemaJSON: Array(F.v9(types: types, misc: []).utf8), options: options)
        #expect(files.contains { $0.name == "RemoteProcedures.swift" && $0.contents.contains("public struct RemoteProcedures: Hashable") })
    }

    @Test("a collision's message names the procedure and what it collides with")
    func collisionMessage() {
        let typed = F.v9(
            types: #"[{"name":{"scope":[],"name":"FetchProcedureArgs"},"ty":0,"custom_ordering":true}]"#,
            misc: [F.v9Procedure("fetch", returnType: #"{"U8":[]}"#)])
        #expect(throws: GenerationError.nameCollision(
            path: "$.misc_exports[0].Procedure.name", scope: "the generated module", swiftName: "FetchProcedureArgs",
            names: ["FetchProcedureArgs", "the arguments of procedure fetch"])
        ) {
            try Self.model(typed)
        }
    }
}

/// Writes one generated type (struct, enum or typealias) with its BSATN coding spelled out field by
/// field, in the style of the hand-written QuickstartChat rows.
enum TypeEmitter {
    /// The whole file for `declaration`.
    static func file(for declaration: TypeDeclaration, options: GeneratorOptions) -> GeneratedFile {
        var writer = SwiftSourceWriter()
        FileHeader.write(into: &writer, options: options)
        switch declaration.shape {
        case .product(let fields): writeStruct(declaration, fields: fields, options: options, into: &writer)
        case .sum(let cases, let indirect):
            writeEnum(declaration, cases: cases, indirect: indirect, options: options, into: &writer)
        case .alias(let target):
            writer.line("/// The \(code(declaration.sourceName)) type of \(options.displayName), an alias of \(code(target.spelling)).")
            writer.line("public typealias \(declaration.swiftName) = \(target.spelling)")
        }
        return GeneratedFile(name: declaration.swiftName + ".swift", contents: writer.text)
    }

    /// `text` in backticks for a doc comment, kept on one line.
    static func code(_ text: String) -> String {
        "`" + String(text.map { $0.isNewline || $0 == "`" ? "'" : $0 }) + "`"
    }

    /// What a generated struct is, which sets the wording of its doc comments.
    enum Role {
        case row, arguments, value

        init(_ declaration: TypeDeclaration) {
            if declaration.ref < 0 {
                self = .arguments
            } else {
                self = declaration.tables.isEmpty && declaration.views.isEmpty ? .value : .row
            }
        }
    }

    static func summary(of declaration: TypeDeclaration, options: GeneratorOptions) -> String {
        let owner = options.displayName + "'s"
        switch (Role(declaration), declaration.shape) {
        case (.arguments, .product(let fields)):
            let parameters = fields.map { "\($0.sourceName): \($0.type.satsSpelling)" }.joined(separator: ", ")
            let kind = declaration.isProcedureArguments ? "procedure" : "reducer"
            return "The arguments of \(owner) \(code("\(declaration.sourceName)(\(parameters))")) \(kind), "
                + "as the product the server decodes."
        case (.row, .product(let fields)):
            func list(_ names: [String], _ noun: String) -> String? {
                names.isEmpty ? nil : names.map(code).joined(separator: ", ") + " " + noun + (names.count == 1 ? "" : "s")
            }
            let owners = [list(declaration.tables, "table"), list(declaration.views, "view")].compactMap { $0 }
            let columns = fields.map { field in
                code("\(field.sourceName) \(field.type.satsSpelling)")
                    + (declaration.primaryKeys.contains(field.sourceName) ? " (primary key)" : "")
            }
            let keyNote = declaration.primaryKeys.isEmpty ? " (no primary key)" : ""
            return "A row of \(owner) \(owners.joined(separator: " and ")): \(columns.joined(separator: ", "))\(keyNote)."
        case (_, .sum):
            return "The \(code(declaration.sourceName)) sum type of \(options.displayName)."
        default:
            return "The \(code(declaration.sourceName)) product type of \(options.displayName)."
        }
    }

    /// How generated code names a field: `self.` where a parameter would shadow it.
    static func reference(_ field: TypeDeclaration.Field) -> String {
        let escaped = SwiftNaming.escaped(field.swiftName)
        return field.swiftName == "writer" || field.swiftName == "reader" ? "self." + escaped : escaped
    }

    static func writeStruct(
        _ declaration: TypeDeclaration, fields: [TypeDeclaration.Field], options: GeneratorOptions,
        into writer: inout SwiftSourceWriter
    ) {
        let role = Role(declaration)
        let (kind, initDoc, order) =
            switch role {
            case .row: ("Column", "Creates a row from its columns.", "columns in table order")
            case .arguments: ("Parameter", "Creates the arguments.", "parameters in declaration order")
            case .value: ("Field", "Creates a value from its fields.", "fields in declaration order")
            }
        writer.line("/// \(summary(of: declaration, options: options))")
        writer.block("public struct \(declaration.swiftName): Hashable, Sendable, BSATNCodable {") { writer in
            for field in fields {
                writer.line("/// \(kind) \(code(field.sourceName)).")
                writer.line("public var \(SwiftNaming.escaped(field.swiftName)): \(field.type.spelling)")
            }
            if !fields.isEmpty { writer.line() }
            writer.line("/// \(initDoc)")
            let parameters = fields.map { "\(SwiftNaming.escaped($0.swiftName)): \($0.type.spelling)" }
            let assignments = fields.map { "self.\(SwiftNaming.escaped($0.swiftName)) = \(SwiftNaming.escaped($0.swiftName))" }
            // Empty and one-field structs keep their initializer and encoder on one line each.
            if fields.count <= 1 {
                let body = assignments.first.map { " \($0) " } ?? ""
                writer.line("public init(\(parameters.joined())) {\(body)}")
            } else {
                writer.block("public init(\(parameters.joined(separator: ", "))) {") { writer in
                    for assignment in assignments { writer.line(assignment) }
                }
            }
            writer.line()
            writer.line("/// Writes the \(order).")
            if fields.count <= 1 {
                let body = fields.first.map { " \($0.type.encodeStatement(reference($0))) " } ?? ""
                writer.line("public func encode(to writer: inout BSATNWriter) {\(body)}")
            } else {
                writer.block("public func encode(to writer: inout BSATNWriter) {") { writer in
                    for field in fields { writer.line(field.type.encodeStatement(reference(field))) }
                }
            }
            writer.line()
            writer.line("/// Reads the \(order).")
            if fields.isEmpty {
                writer.line("public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {}")
            } else {
                writer.block("public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {") { writer in
                    for field in fields { writer.line("\(reference(field)) = \(field.type.decodeExpression)") }
                }
            }
        }
    }

    static func writeEnum(
        _ declaration: TypeDeclaration, cases: [TypeDeclaration.Case], indirect: Bool, options: GeneratorOptions,
        into writer: inout SwiftSourceWriter
    ) {
        writer.line("/// \(summary(of: declaration, options: options))")
        let keyword = indirect ? "public indirect enum" : "public enum"
        writer.block("\(keyword) \(declaration.swiftName): Hashable, Sendable, BSATNCodable {") { writer in
            for (tag, item) in cases.enumerated() {
                writer.line("/// Variant \(code(item.sourceName)), tag \(tag).")
                let name = SwiftNaming.escaped(item.swiftName)
                writer.line("case \(name)" + (item.payload.map { "(\($0.spelling))" } ?? ""))
            }
            if !cases.isEmpty { writer.line() }
            writer.line("/// Writes the tag, then the payload.")
            writer.block("public func encode(to writer: inout BSATNWriter) {") { writer in
                // Swift style puts `case` at the `switch`'s own indentation.
                writer.line("switch self {")
                for (tag, item) in cases.enumerated() {
                    let name = SwiftNaming.escaped(item.swiftName)
                    if let payload = item.payload {
                        writer.line("case .\(name)(let value):")
                        writer.indented { writer in
                            writer.line("writer.writeTag(\(tag))")
                            writer.line(payload.encodeStatement("value"))
                        }
                    } else {
                        writer.line("case .\(name):")
                        writer.indented { writer in writer.line("writer.writeTag(\(tag))") }
                    }
                }
                writer.line("}")
            }
            writer.line()
            writer.line("/// Reads the tag, then the payload.")
            writer.block("public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {") { writer in
                writer.line("let at = reader.offset")
                writer.line("switch try reader.readTag() {")
                for (tag, item) in cases.enumerated() {
                    let name = SwiftNaming.escaped(item.swiftName)
                    if let payload = item.payload {
                        writer.line("case \(tag): self = .\(name)(\(payload.decodeExpression))")
                    } else {
                        writer.line("case \(tag): self = .\(name)")
                    }
                }
                writer.line("case let tag: throw .unknownTag(type: \(stringLiteral(declaration.swiftName)), tag: tag, offset: at)")
                writer.line("}")
            }
        }
    }

    /// `text` as a Swift string literal.
    static func stringLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    literal += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }
}

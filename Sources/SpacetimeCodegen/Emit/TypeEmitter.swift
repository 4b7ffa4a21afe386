/// Writes one generated type (struct, enum or typealias) with its BSATN coding spelled out field by
/// field, in the style of the hand-written QuickstartChat rows.
enum TypeEmitter {
    /// The whole file for `declaration`.
    static func file(for declaration: TypeDeclaration, options: GeneratorOptions) -> GeneratedFile {
        var writer = SwiftSourceWriter()
        FileHeader.write(into: &writer, options: options)
        switch declaration.shape {
        case .product(let fields): writeStruct(declaration, fields: fields, into: &writer)
        case .sum(let cases, let indirect): writeEnum(declaration, cases: cases, indirect: indirect, into: &writer)
        case .alias(let target):
            writer.line("/// The module's \(code(declaration.sourceName)) type, an alias of \(code(target.spelling)).")
            writer.line("public typealias \(declaration.swiftName) = \(target.spelling)")
        }
        return GeneratedFile(name: declaration.swiftName + ".swift", contents: writer.text)
    }

    /// `text` in backticks for a doc comment, kept on one line.
    static func code(_ text: String) -> String {
        "`" + String(text.map { $0.isNewline || $0 == "`" ? "'" : $0 }) + "`"
    }

    static func summary(of declaration: TypeDeclaration) -> String {
        if declaration.ref < 0 {
            return "The arguments of the \(code(declaration.sourceName)) reducer, in the order the server decodes them."
        }
        if !declaration.tables.isEmpty {
            let tables = declaration.tables.map(code).joined(separator: ", ")
            let noun = declaration.tables.count == 1 ? "table" : "tables"
            return "A row of the \(tables) \(noun) (the module's \(code(declaration.sourceName)) type)."
        }
        switch declaration.shape {
        case .sum: return "The module's \(code(declaration.sourceName)) sum type."
        default: return "The module's \(code(declaration.sourceName)) product type."
        }
    }

    /// How generated code names a field: `self.` where a parameter would shadow it.
    static func reference(_ field: TypeDeclaration.Field) -> String {
        let escaped = SwiftNaming.escaped(field.swiftName)
        return field.swiftName == "writer" || field.swiftName == "reader" ? "self." + escaped : escaped
    }

    static func writeStruct(_ declaration: TypeDeclaration, fields: [TypeDeclaration.Field], into writer: inout SwiftSourceWriter) {
        writer.line("/// \(summary(of: declaration))")
        writer.block("public struct \(declaration.swiftName): Hashable, Sendable, BSATNCodable {") { writer in
            for field in fields {
                let kind = declaration.ref < 0 ? "Parameter" : (declaration.tables.isEmpty ? "Field" : "Column")
                writer.line("/// \(kind) \(code(field.sourceName)).")
                writer.line("public var \(SwiftNaming.escaped(field.swiftName)): \(field.type.spelling)")
            }
            if !fields.isEmpty { writer.line() }
            writer.line(fields.isEmpty ? "/// Creates the value." : "/// Creates a value from its fields.")
            if fields.isEmpty {
                writer.line("public init() {}")
            } else {
                let parameters = fields.map { "\(SwiftNaming.escaped($0.swiftName)): \($0.type.spelling)" }
                writer.block("public init(\(parameters.joined(separator: ", "))) {") { writer in
                    for field in fields {
                        let name = SwiftNaming.escaped(field.swiftName)
                        writer.line("self.\(name) = \(name)")
                    }
                }
            }
            writer.line()
            if fields.isEmpty {
                writer.line("public func encode(to writer: inout BSATNWriter) {}")
            } else {
                writer.block("public func encode(to writer: inout BSATNWriter) {") { writer in
                    for field in fields { writer.line(field.type.encodeStatement(reference(field))) }
                }
            }
            writer.line()
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
        _ declaration: TypeDeclaration, cases: [TypeDeclaration.Case], indirect: Bool,
        into writer: inout SwiftSourceWriter
    ) {
        writer.line("/// \(summary(of: declaration))")
        let keyword = indirect ? "public indirect enum" : "public enum"
        writer.block("\(keyword) \(declaration.swiftName): Hashable, Sendable, BSATNCodable {") { writer in
            for (tag, item) in cases.enumerated() {
                writer.line("/// Variant \(code(item.sourceName)), tag \(tag).")
                let name = SwiftNaming.escaped(item.swiftName)
                writer.line("case \(name)" + (item.payload.map { "(\($0.spelling))" } ?? ""))
            }
            if !cases.isEmpty { writer.line() }
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

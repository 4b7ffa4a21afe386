/// Reading a schema document of either layout.
extension ModuleSchema {
    /// Parses a `RawModuleDefV9` or `RawModuleDefV10` JSON document, telling them apart with
    /// ``SchemaVersion/detect(_:)``. With `expecting`, a document of the other layout is refused.
    public static func parse(json bytes: [UInt8], expecting: SchemaVersion? = nil) throws(SchemaError) -> ModuleSchema {
        try parse(JSONNode(root: JSONParser.parse(bytes)), expecting: expecting)
    }

    /// Parses a `RawModuleDefV9` or `RawModuleDefV10` JSON document given as text.
    public static func parse(json text: String, expecting: SchemaVersion? = nil) throws(SchemaError) -> ModuleSchema {
        try parse(JSONNode(root: JSONParser.parse(text)), expecting: expecting)
    }

    /// Parses a schema already read as JSON, whichever layout it has.
    public static func parse(_ root: JSONNode, expecting: SchemaVersion? = nil) throws(SchemaError) -> ModuleSchema {
        let version = try SchemaVersion.detect(root)
        if let expecting, expecting != version {
            throw .invalidValue(
                path: root.path, reason: "expected a \(expecting) document (schema version \(expecting.rawValue)), "
                    + "but this is a \(version) (version \(version.rawValue))")
        }
        switch version {
        case .v9: return try parseV9(root)
        case .v10: return try parseV10(root)
        }
    }
}

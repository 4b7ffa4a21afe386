import Testing

@testable import SpacetimeDB

/// Every official vector: decode by type, no bytes left, render to exactly `value`, re-encode to exactly `hex`.
@Suite("Official byte vectors")
struct VectorFileTests {
    @Test("each file holds exactly the number of vectors the README lists")
    func counts() throws {
        let vectors = try VectorStore.loaded.get()
        for (file, count) in VectorStore.expectedCounts {
            #expect(vectors.filter { $0.file == file }.count == count, "\(file).json")
        }
        #expect(vectors.count == 182)
        #expect(Set(vectors.map(\.name)).count == vectors.count, "names are unique")
    }

    @Test("decodes, renders and re-encodes", arguments: VectorStore.all)
    func vector(_ vector: ProtocolVector) throws {
        let decoded = try VectorDecoder.decode(vector)
        #expect(decoded.rendered == vector.value, "rendered \(decoded.rendered)\nexpected \(vector.value)")
        if let reencoded = decoded.reencoded {
            #expect(Hex.encode(reencoded) == Hex.encode(vector.bytes))
        } else {
            // Only compressed frames lack a canonical re-encoding.
            #expect(vector.type == "ServerFrame" && vector.bytes.first != 0)
        }
        #expect(decoded.problems.isEmpty, "\(decoded.problems)")
        try checkVariant(vector, rendered: decoded.rendered)
    }

    /// The `variant` column names the top-level sum variant (or the frame's message variants).
    private func checkVariant(_ vector: ProtocolVector, rendered: VectorJSON) throws {
        guard let variant = vector.variant else { return }
        if vector.type.hasSuffix("Frame") {
            let names = (rendered["messages"]?.arrayValue ?? []).compactMap(Self.firstKey)
            #expect(names.joined(separator: "+") == variant)
        } else if vector.type.hasPrefix("Option<") {
            #expect((rendered == .null) == (variant == "none"))
        } else {
            #expect(Self.firstKey(rendered) == variant)
        }
    }

    private static func firstKey(_ json: VectorJSON) -> String? {
        if case .object(let members) = json, members.count == 1 { return members[0].0 }
        return nil
    }
}

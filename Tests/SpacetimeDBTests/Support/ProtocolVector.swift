import Foundation
import Testing

/// One entry of the official byte-vector files in `Fixtures/vectors` (see its README).
struct ProtocolVector: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let protocolName: String
    let type: String
    let variant: String?
    let bytes: [UInt8]
    let value: VectorJSON

    var testDescription: String { name }
}

/// Why the vector fixtures could not be loaded.
struct VectorLoadError: Error, CustomStringConvertible {
    let description: String
}

/// Loads the vector files once from the test bundle.
enum VectorStore {
    /// Each file with the number of vectors the README promises for it.
    static let expectedCounts: [(file: String, count: Int)] = [
        ("bsatn-primitives", 90), ("quickstart-rows", 14), ("v1-messages", 39), ("v2-messages", 29), ("frames", 10),
    ]

    /// Every vector, or why loading failed.
    static let loaded: Result<[ProtocolVector], VectorLoadError> = Result { try loadAll() }.mapError {
        $0 as? VectorLoadError ?? VectorLoadError(description: "\($0)")
    }

    /// Every vector; empty when loading failed (the count test then fails).
    static var all: [ProtocolVector] { (try? loaded.get()) ?? [] }

    /// The raw bytes of a fixture file.
    static func fixture(_ file: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures/vectors") else {
            throw VectorLoadError(description: "Fixtures/vectors/\(file).json is missing from the test bundle")
        }
        return Array(try Data(contentsOf: url))
    }

    private static func loadAll() throws -> [ProtocolVector] {
        var vectors: [ProtocolVector] = []
        for (file, _) in expectedCounts {
            let root = try VectorJSON.parse(try fixture(file))
            guard let entries = root["vectors"]?.arrayValue else {
                throw VectorLoadError(description: "\(file).json has no `vectors` array")
            }
            for entry in entries {
                guard let name = entry["name"]?.stringValue, let proto = entry["protocol"]?.stringValue,
                    let type = entry["type"]?.stringValue, let hex = entry["hex"]?.stringValue,
                    let bytes = Hex.decode(hex), let value = entry["value"]
                else { throw VectorLoadError(description: "\(file).json has a malformed entry: \(entry)") }
                vectors.append(
                    ProtocolVector(
                        file: file, name: name, protocolName: proto, type: type, variant: entry["variant"]?.stringValue,
                        bytes: bytes, value: value))
            }
        }
        return vectors
    }
}

import ArgumentParser
import Foundation
import SpacetimeCodegen

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `spacetime-generate`: Swift bindings for a SpacetimeDB module, from its schema.
@main
struct SpacetimeGenerate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spacetime-generate",
        abstract: "Generate Swift bindings for a SpacetimeDB module from its schema (RawModuleDefV9 or V10).",
        discussion: """
            Reads the schema from a JSON file (--schema; RawModuleDefV9 or RawModuleDefV10, told apart by \
            its fields), or fetches it from a server with GET {host}/v1/database/{db}/schema?version=9 \
            (--host and --db; --schema-version 10 asks for RawModuleDefV10, which SpacetimeDB 2.x serves), \
            and writes one Swift file per type plus an index file into --out-dir. Files from an earlier run \
            that are no longer generated are removed; files without the generated header are never touched.
            """)

    @Option(
        name: .long,
        help: "A RawModuleDefV9 or RawModuleDefV10 JSON file, as `GET /v1/database/<db>/schema?version=9|10` returns.")
    var schema: String?

    @Option(name: .long, help: "The SpacetimeDB server to fetch the schema from, e.g. http://localhost:3000.")
    var host: String?

    @Option(name: .long, help: "The database name or identity on --host.")
    var db: String?

    @Option(
        name: .customLong("schema-version"),
        help: "With --host: the schema version to request, 9 (default) or 10. With --schema: refuse a file of the other version.")
    var schemaVersion: Int?

    @Option(name: .customLong("out-dir"), help: "The directory to write the Swift files into (created if missing).")
    var outDir: String

    @Option(
        name: .customLong("module-name"),
        help: "The module's Swift name (module file <name>.swift, enum <name>Module); default: from --db or the schema file name.")
    var moduleName: String?

    func validate() throws {
        if let schemaVersion, SchemaVersion(rawValue: schemaVersion) == nil {
            throw ValidationError("--schema-version must be 9 or 10")
        }
        switch (schema, host, db) {
        case (.some, nil, nil), (nil, .some, .some): return
        case (.some, _, _): throw ValidationError("use either --schema or --host with --db, not both")
        case (nil, .some, nil): throw ValidationError("--host needs --db")
        case (nil, nil, .some): throw ValidationError("--db needs --host")
        case (nil, nil, nil): throw ValidationError("give --schema FILE, or --host URL and --db NAME")
        }
    }

    func run() async throws {
        let bytes: [UInt8]
        let source: String
        let defaultModuleName: String
        if let schema {
            let url = URL(fileURLWithPath: schema)
            do {
                bytes = Array(try Data(contentsOf: url))
            } catch {
                throw InputFileError(path: schema, reason: error.localizedDescription)
            }
            source = url.lastPathComponent
            defaultModuleName = String(source.prefix { $0 != "." })
        } else if let host, let db {
            let request = try SchemaRequest(host: host, database: db, version: schemaVersion ?? 9)
            bytes = try await fetch(request)
            source = request.url.absoluteString
            defaultModuleName = db
        } else {
            throw ValidationError("give --schema FILE, or --host URL and --db NAME")
        }

        let schema: ModuleSchema
        do {
            schema = try ModuleSchema.parse(json: bytes, expecting: schemaVersion.flatMap(SchemaVersion.init(rawValue:)))
        } catch {
            throw GeneratorError.schema(error)
        }
        for section in schema.ignoredSections {
            FileHandle.standardError.write(Data("spacetime-generate: note: no bindings for \(section)\n".utf8))
        }
        let files = try BindingsGenerator.generate(
            schema, options: GeneratorOptions(
                schemaSource: source, moduleName: moduleName ?? defaultModuleName, displayName: defaultModuleName,
                schemaVersion: schema.version))
        let directory = URL(fileURLWithPath: outDir, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let plan = OutputPlan.plan(generated: files, existing: try existingSwiftFiles(in: directory))
        for file in plan.writes {
            try Data(file.contents.utf8).write(to: directory.appendingPathComponent(file.name), options: .atomic)
        }
        for name in plan.deletions {
            try FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        print(
            "spacetime-generate: \(files.count) files in \(outDir) (\(plan.writes.count) written, "
                + "\(plan.unchanged.count) unchanged, \(plan.deletions.count) stale removed)")
    }

    /// The directory's `.swift` files by name.
    func existingSwiftFiles(in directory: URL) throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }
        var files: [String: String] = [:]
        for name in names {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            files[name] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    /// Performs `request` with URLSession.
    func fetch(_ request: SchemaRequest) async throws -> [UInt8] {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: 30)
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession.shared.data(for: urlRequest)
        } catch {
            throw SchemaFetchError.transport(url: request.url.absoluteString, message: error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else {
            throw SchemaFetchError.transport(url: request.url.absoluteString, message: "not an HTTP response")
        }
        return try request.schemaBytes(status: http.statusCode, body: Array(data))
    }
}

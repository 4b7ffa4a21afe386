import Testing

@testable import SpacetimeCodegen

@Suite("Schema HTTP request: version 10")
struct SchemaRequestVersionTests {
    @Test("asks for ?version=10 only when told to")
    func url() throws {
        #expect(
            try SchemaRequest(host: "http://localhost:3000", database: "chat", version: 10).url.absoluteString
                == "http://localhost:3000/v1/database/chat/schema?version=10")
        #expect(try SchemaRequest(host: "http://localhost:3000", database: "chat").version == 9)
    }

    @Test("a 400 for version 10 says the server may predate it; for version 9 it stays a plain status")
    func refusedVersion() throws {
        let v10 = try SchemaRequest(host: "http://h", database: "chat", version: 10)
        let url = "http://h/v1/database/chat/schema?version=10"
        let error = SchemaFetchError.versionNotServed(url: url, version: 10, message: "unknown variant `10`")
        #expect(throws: error) {
            try v10.schemaBytes(status: 400, body: Array("unknown variant `10`".utf8))
        }
        #expect(error.description.contains("use --schema-version 9"))
        #expect(throws: SchemaFetchError.httpStatus(url: url, status: 500, message: "")) {
            try v10.schemaBytes(status: 500, body: [])
        }
        let v9 = try SchemaRequest(host: "http://h", database: "chat")
        #expect(throws: SchemaFetchError.httpStatus(url: "http://h/v1/database/chat/schema?version=9", status: 400, message: "")) {
            try v9.schemaBytes(status: 400, body: [])
        }
    }
}

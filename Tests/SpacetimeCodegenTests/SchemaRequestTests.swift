import Testing

@testable import SpacetimeCodegen

@Suite("Schema HTTP request")
struct SchemaRequestTests {
    @Test(
        "builds GET {host}/v1/database/{db}/schema?version=9",
        arguments: [
            ("http://localhost:3000", "quickstart-chat", "http://localhost:3000/v1/database/quickstart-chat/schema?version=9"),
            ("https://maincloud.spacetimedb.com/", "my db", "https://maincloud.spacetimedb.com/v1/database/my%20db/schema?version=9"),
            ("http://127.0.0.1:3000/prefix/", "c200abc", "http://127.0.0.1:3000/prefix/v1/database/c200abc/schema?version=9"),
            ("http://h", "a/b?c", "http://h/v1/database/a%2Fb%3Fc/schema?version=9"),
        ])
    func url(host: String, db: String, expected: String) throws {
        #expect(try SchemaRequest(host: host, database: db).url.absoluteString == expected)
    }

    @Test("rejects hosts that are not http(s) URLs, and empty database names")
    func invalid() {
        for host in ["localhost:3000", "ftp://h", "", "http://"] {
            #expect(throws: SchemaFetchError.invalidHost(host)) { try SchemaRequest(host: host, database: "db") }
        }
        #expect(throws: SchemaFetchError.invalidDatabaseName("")) { try SchemaRequest(host: "http://h", database: "") }
    }

    @Test("2xx gives the body; 404 and other statuses give actionable errors")
    func statuses() throws {
        let request = try SchemaRequest(host: "http://localhost:3000", database: "chat")
        #expect(try request.schemaBytes(status: 200, body: [1, 2]) == [1, 2])
        let url = "http://localhost:3000/v1/database/chat/schema?version=9"
        #expect(throws: SchemaFetchError.databaseNotFound(url: url, message: "no such database")) {
            try request.schemaBytes(status: 404, body: Array("no such database\n".utf8))
        }
        #expect(throws: SchemaFetchError.httpStatus(url: url, status: 400, message: "bad version a b")) {
            try request.schemaBytes(status: 400, body: Array("bad version\na b".utf8))
        }
        #expect(SchemaFetchError.databaseNotFound(url: url, message: "").description.contains("check --db"))
    }
}

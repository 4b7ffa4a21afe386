import ChatCore
import SpacetimeDB
import Testing

@Suite struct CompressionPreferenceTests {
    /// Host URLs and whether they name this machine over loopback.
    static let hosts: [(url: String, loopback: Bool)] = [
        ("http://localhost:3000", true),
        ("ws://localhost", true),
        ("localhost:3000", true),
        ("http://LOCALHOST:3000/", true),
        ("http://localhost.:3000", true),
        ("http://chat.localhost:3000", true),
        ("http://127.0.0.1:3000", true),
        ("http://127.1.2.3", true),
        ("https://user:secret@127.0.0.1:443/path?q=1", true),
        ("http://[::1]:3000", true),
        ("http://[0:0:0:0:0:0:0:1]:3000", true),
        ("http://[::0001]", true),
        ("http://maincloud.spacetimedb.com", false),
        ("https://example.com:3000", false),
        ("http://localhost.example.com:3000", false),
        ("http://mylocalhost:3000", false),
        ("http://128.0.0.1:3000", false),
        ("http://10.0.0.1:3000", false),
        ("http://127.0.0.1.example.com", false),
        ("http://127.0.0.256", false),
        ("http://127.0.0", false),
        ("http://[::2]:3000", false),
        ("http://[::]:3000", false),
        ("http://[::ffff:127.0.0.1]:3000", false),
        ("http://[fe80::1]:3000", false),
        ("http://[::1", false),
        ("http://", false),
        ("", false),
    ]

    @Test func autoAsksForNoneOverLoopbackAndBrotliElsewhere() {
        for (url, loopback) in Self.hosts {
            #expect(LoopbackHost.contains(url: url) == loopback, "\(url)")
            let expected: Compression = loopback ? .none : .brotli
            #expect(CompressionPreference.auto.compression(forHost: url) == expected, "\(url)")
        }
    }

    @Test func anExplicitChoiceHoldsForEveryHost() {
        for (url, _) in Self.hosts {
            #expect(CompressionPreference.none.compression(forHost: url) == Compression.none, "\(url)")
            #expect(CompressionPreference.brotli.compression(forHost: url) == .brotli, "\(url)")
            #expect(CompressionPreference.gzip.compression(forHost: url) == .gzip, "\(url)")
        }
    }

    @Test func readsTheFlagInAnyCaseAndRefusesOtherWords() {
        let table: [(text: String, parsed: CompressionPreference?)] = [
            ("auto", .auto), ("none", CompressionPreference.none), ("brotli", .brotli), ("gzip", .gzip),
            ("Brotli", .brotli), ("NONE", CompressionPreference.none), ("br", nil), ("zstd", nil), ("", nil),
        ]
        for (text, parsed) in table {
            #expect(CompressionPreference(text) == parsed, "\(text)")
        }
        #expect(CompressionPreference.defaultValue == .auto)
        #expect(CompressionPreference.allCases.map(\.description) == ["auto", "none", "brotli", "gzip"])
    }
}

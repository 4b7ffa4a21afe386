// swift-tools-version: 6.1
// spacetime-chat: a terminal chat client for SpacetimeDB's quickstart-chat module, with the Swift
// SpacetimeDB SDK, generated bindings, code generator and local host it stands on.

import PackageDescription

/// Every Swift target builds in the Swift 6 language mode (strict concurrency), the tools-version default.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "spacetime-chat",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SpacetimeDB", targets: ["SpacetimeDB"]),
        .library(name: "QuickstartChat", targets: ["QuickstartChat"]),
        .library(name: "ChatHost", targets: ["ChatHost"]),
        .library(name: "SpacetimeCodegen", targets: ["SpacetimeCodegen"]),
        .executable(name: "spacetime-chat", targets: ["spacetime-chat"]),
        .executable(name: "spacetime-generate", targets: ["spacetime-generate"]),
        .executable(name: "spacetime-bench", targets: ["spacetime-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        // `swift package generate-documentation --target SpacetimeDB` (scripts/check-docs.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian, wrapped as system library targets.
        .systemLibrary(
            // No pkgConfig: ncursesw.pc's cflags (-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600) are flags
            // SwiftPM refuses, with a warning on every build; the module map links the libraries
            // and shim.h sets the wide-character defines itself.
            name: "CNcurses", path: "CNcurses",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CBrotli", path: "CBrotli", pkgConfig: "libbrotlienc",
            providers: [.apt(["libbrotli-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        // glibc's mallopt/malloc_trim, for the chat client's memory after loading history (issue 11).
        .systemLibrary(name: "CMalloc", path: "CMalloc"),
        // Linux's epoll, for the benchmark's plain-socket subscribers (`host-fanout --subscriber raw`).
        .systemLibrary(name: "CEpoll", path: "CEpoll"),

        // The SDK: BSATN, protocols, transport, cache, connection, credentials.
        .target(
            name: "SpacetimeDB",
            dependencies: [
                "CBrotli", "CZlib",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings),
        // Typed bindings for quickstart-chat (generator output).
        .target(name: "QuickstartChat", dependencies: ["SpacetimeDB"], swiftSettings: swiftSettings),
        // The chat model: pure Swift, no curses, no I/O.
        .target(name: "ChatCore", dependencies: ["SpacetimeDB"], swiftSettings: swiftSettings),
        // The terminal: pure layout, wrapping, editor, key decoding; one painter calls curses.
        .target(
            name: "ChatTerminal",
            dependencies: ["ChatCore", "CNcurses", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // The local SpacetimeDB-compatible host for quickstart-chat.
        .target(
            name: "ChatHost",
            dependencies: [
                "SpacetimeDB", "QuickstartChat",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // Schema model and Swift emitter for spacetime-generate.
        .target(name: "SpacetimeCodegen", dependencies: [], swiftSettings: swiftSettings),

        .executableTarget(
            name: "spacetime-chat",
            dependencies: [
                "SpacetimeDB", "QuickstartChat", "ChatCore", "ChatTerminal", "ChatHost", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "spacetime-generate",
            dependencies: [
                "SpacetimeCodegen",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        // Starts tmux safely from Swift, for the end-to-end tests and the terminal benchmark.
        .target(name: "TmuxDriver", swiftSettings: swiftSettings),
        .executableTarget(
            name: "spacetime-bench",
            dependencies: [
                "SpacetimeDB", "QuickstartChat", "ChatCore", "ChatTerminal", "ChatHost", "TmuxDriver", "CEpoll",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),

        // Examples/: programs an SDK user would write; ExamplesTests runs them against the local host.
        .executableTarget(
            name: "quickstart-client", dependencies: ["SpacetimeDB", "QuickstartChat", "ChatCore"],
            path: "Examples/QuickstartClient", swiftSettings: swiftSettings),
        .executableTarget(
            name: "ping-bot", dependencies: ["SpacetimeDB", "QuickstartChat"],
            path: "Examples/PingBot", swiftSettings: swiftSettings),

        .testTarget(
            name: "SpacetimeDBTests",
            dependencies: [
                "SpacetimeDB", "QuickstartChat", "ChatHost",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(name: "ChatCoreTests", dependencies: ["ChatCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ChatTerminalTests", dependencies: ["ChatTerminal"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ChatHostTests",
            dependencies: [
                "ChatHost", "SpacetimeDB", "QuickstartChat",
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SpacetimeCodegenTests", dependencies: ["SpacetimeCodegen"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        // Bindings generated from the rich fixture schema, compiled and round-tripped through BSATN.
        .testTarget(
            name: "GeneratedBindingsTests", dependencies: ["SpacetimeDB", "SpacetimeCodegen"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ExamplesTests", dependencies: ["ChatHost", "SpacetimeDB", "QuickstartChat", "quickstart-client", "ping-bot"],
            swiftSettings: swiftSettings),
        // The benchmark's own instruments (spacetime-bench), against the real local host.
        .testTarget(
            name: "BenchmarkTests", dependencies: ["spacetime-bench", "ChatHost", "SpacetimeDB"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests", dependencies: ["ChatHost", "SpacetimeDB", "QuickstartChat", "TmuxDriver"],
            swiftSettings: swiftSettings),
    ]
)

// libFuzzer targets (Fuzz/Harness): declared only when SPACETIME_FUZZ=1, which scripts/fuzz.sh sets for
// its own scratch path (.build-fuzz) with -sanitize=fuzzer, so ordinary builds never compile them.
if Context.environment["SPACETIME_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "spacetime-fuzz",
            dependencies: [
                "SpacetimeDB", "QuickstartChat", "ChatHost", "ChatCore", "ChatTerminal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Fuzz/Harness",
            swiftSettings: swiftSettings))
}

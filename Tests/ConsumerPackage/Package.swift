// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "chat-consumer",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "spacetime-chat", path: "../..")],
    targets: [
        .executableTarget(
            name: "chat-consumer",
            dependencies: [
                .product(name: "SpacetimeDB", package: "spacetime-chat"),
                .product(name: "QuickstartChat", package: "spacetime-chat"),
            ]),
    ]
)

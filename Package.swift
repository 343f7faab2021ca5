// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: executables → CadreDaemon → CadreWire / CadreStore / CadreSystemd / CadreSignatures → CadreEngine.
let package = Package(
    name: "Cadre",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cadred", targets: ["cadred"]),
        .executable(name: "cadrectl", targets: ["cadrectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // libyaml's event parser (the one Yams composes from), to refuse anchors and aliases in
        // outside YAML before anything expands them.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // posix_spawn's close-from file action, for starting workers without Foundation's Process.
        .target(name: "CPosixSpawn"),
        // glibc's malloc_trim, for handing memory back to the kernel after a burst.
        .target(name: "CAllocator"),
        // libseccomp, for cadre-sandbox's system-call filters.
        .systemLibrary(
            name: "CSeccomp",
            path: "Sandbox/CSeccomp",
            pkgConfig: "libseccomp",
            providers: [.apt(["libseccomp-dev"])]
        ),
        // The mathematics of the six phases and the file formats: no I/O, no actors.
        .target(
            name: "CadreEngine",
            dependencies: ["CLibYAML", .product(name: "Yams", package: "Yams")]
        ),
        // Frames, bus messages between supervisor and workers, and the varlink control protocol.
        .target(
            name: "CadreWire",
            dependencies: [
                "CadreEngine",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The interface files are the API's reference; scripts/embed-varlink writes VarlinkInterfaces.swift from them (a test keeps them equal).
            exclude: ["Varlink/io.cadre.Workforce.varlink", "Varlink/org.varlink.service.varlink"]
        ),
        // sd_notify, socket activation, the journald log handler.
        .target(
            name: "CadreSystemd",
            dependencies: [
                "CSystemd", "CadreEngine",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // SQLite through GRDB: versioned inputs, runs, phase results.
        .target(
            name: "CadreStore",
            dependencies: [
                "CadreEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Open Badge signatures (VC-JWT) checked against the issuer keys the operator trusts:
        // the only target that does cryptography, so the engine stays free of it.
        .target(
            name: "CadreSignatures",
            dependencies: [
                "CadreEngine",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Supervisor, phase workers, event hub, varlink server.
        .target(
            name: "CadreDaemon",
            dependencies: [
                "CadreEngine", "CadreWire", "CadreStore", "CadreSystemd", "CadreSignatures", "CPosixSpawn", "CAllocator",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "cadred",
            dependencies: [
                "CadreDaemon", "CadreWire", "CadreSystemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "cadrectl",
            dependencies: [
                "CadreEngine", "CadreWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "cadre-bench",
            dependencies: ["CadreEngine", "CadreWire"],
            path: "Benchmarks/cadre-bench"
        ),
        // Deterministic synthetic organisations (S, M, L) written as the CSV a user imports.
        .executableTarget(
            name: "cadre-synth",
            dependencies: ["CadreEngine"],
            path: "Benchmarks/cadre-synth"
        ),
        // The unit's sandbox applied without systemd (scripts/unit-sandbox runs it), and the program the
        // tests run inside it to see that every directive is in force.
        .executableTarget(name: "cadre-sandbox", dependencies: ["CSeccomp"], path: "Sandbox/cadre-sandbox"),
        .executableTarget(name: "cadre-sandbox-probe", path: "Sandbox/cadre-sandbox-probe"),
        .testTarget(name: "CadreEngineTests", dependencies: ["CadreEngine"]),
        // Signs with keys made in the test, then checks what the verifier makes of the result.
        .testTarget(
            name: "CadreSignaturesTests",
            dependencies: [
                "CadreSignatures", "CadreEngine",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "CadreSystemdTests",
            dependencies: ["CadreSystemd", "CSystemd", .product(name: "Logging", package: "swift-log")]),
        .testTarget(
            name: "CadreWireTests",
            dependencies: [
                "CadreWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CadreStoreTests",
            dependencies: ["CadreStore", "CadreEngine", .product(name: "GRDB", package: "GRDB.swift")]),
        // The daemon's parts without processes: run coordinator, configuration, connection handling.
        .testTarget(
            name: "CadreDaemonTests",
            dependencies: [
                "CadreDaemon", "CadreStore", "CadreWire", "CadreSignatures",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        // cadrectl's printers without a daemon: what reaches a terminal.
        .testTarget(name: "CadrectlOutputTests", dependencies: ["cadrectl"]),
        // Drives the real binaries over real sockets; Peers/ holds outside clients (python varlink).
        .testTarget(
            name: "CadreIntegrationTests",
            dependencies: ["CadreWire", "CadreEngine", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Peers"]
        ),
    ]
)

// Opt-in: `CADRE_FUZZ=1 swift build --sanitize=fuzzer --product cadre-fuzz` (see `make fuzz`).
// libFuzzer supplies `main`, so the target is parsed as a library.
if Context.environment["CADRE_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "cadre-fuzz",
            dependencies: [
                "CadreEngine", "CadreWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Fuzz/cadre-fuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
    package.products.append(.executable(name: "cadre-fuzz", targets: ["cadre-fuzz"]))
}

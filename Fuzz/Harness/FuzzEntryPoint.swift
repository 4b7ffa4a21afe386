import Foundation

/// libFuzzer's driver (`-sanitize=fuzzer` links it in). SwiftPM gives an executable its own `main`,
/// so instead of libFuzzer's `main` this entry point picks the target and hands control to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// `FUZZ_TARGET=<name> spacetime-fuzz [libFuzzer flags] [corpus dirs or input files]`: one binary for
/// every target. Given files instead of directories, it runs each once (how a crash is replayed).
@main
enum FuzzEntryPoint {
    static func main() {
        _ = selectedTarget.name
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(llvmFuzzerRunDriver(&argc, &argv, fuzzerTestOneInput))
    }
}

/// Runs one input through the selected target. Exported under libFuzzer's name too, because the
/// fuzzer runtime's own `main` (linked in, though unused) refers to it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget.run(bytes)
    return 0
}

/// The target chosen by `FUZZ_TARGET`, resolved once (globals are initialised lazily and once).
let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    if let target = FuzzTarget.named(name) { return target }
    let names = FuzzTarget.all.map { "  \($0.name): \($0.surface)" }.joined(separator: "\n")
    let message = "spacetime-fuzz: set FUZZ_TARGET to one of these (got \"\(name)\"):\n\(names)\n"
    FileHandle.standardError.write(Data(message.utf8))
    exit(2)
}()

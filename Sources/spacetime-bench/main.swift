// spacetime-bench: release-build benchmarks. `spacetime-bench <name> [options]`, one file per benchmark.
import Foundation

/// A benchmark the dispatcher can run.
protocol Benchmark {
    /// The first command-line argument that selects it.
    static var name: String { get }
    /// One line for the usage text.
    static var summary: String { get }
    /// Runs it with the remaining arguments; returns the process exit code.
    static func run(arguments: [String]) -> Int32
}

let benchmarks: [any Benchmark.Type] = [
    BSATNBenchmark.self, SDKBenchmark.self, HostFanoutBenchmark.self, TerminalBenchmark.self, HostWindowBenchmark.self,
    EditorBenchmark.self, HostCommitBenchmark.self, SocketFloorBenchmark.self,
]

func usage(_ benchmarks: [any Benchmark.Type]) -> String {
    var text = "usage: spacetime-bench <benchmark> [options]   (build with -c release)\n"
    for benchmark in benchmarks { text += "  \(benchmark.name)\t\(benchmark.summary)\n" }
    return text
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let selected = arguments.first, let benchmark = benchmarks.first(where: { $0.name == selected }) else {
    FileHandle.standardError.write(Data(usage(benchmarks).utf8))
    exit(arguments.first.map { ["-h", "--help", "help"].contains($0) } == true ? 0 : 2)
}
exit(benchmark.run(arguments: Array(arguments.dropFirst())))

import Testing

@testable import SpacetimeCodegen

@Suite("Output directory plan")
struct OutputPlanTests {
    @Test("writes new and changed files, keeps identical ones, deletes only stale generated files")
    func plan() {
        let header = OutputPlan.generatedMarker + " 1.0. DO NOT EDIT\n"
        let generated = [
            GeneratedFile(name: "A.swift", contents: header + "a"), GeneratedFile(name: "B.swift", contents: header + "b"),
            GeneratedFile(name: "C.swift", contents: header + "c"),
        ]
        let existing = [
            "A.swift": header + "a", "B.swift": header + "old", "Stale.swift": header + "s",
            "HandWritten.swift": "import Foundation\n", "notes.txt": header,
        ]
        let plan = OutputPlan.plan(generated: generated, existing: existing)
        #expect(plan.writes.map(\.name) == ["B.swift", "C.swift"])
        #expect(plan.unchanged == ["A.swift"])
        #expect(plan.deletions == ["Stale.swift"])
    }
}

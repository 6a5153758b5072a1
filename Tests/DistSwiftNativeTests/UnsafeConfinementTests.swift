import DistSwiftTestSupport
import Foundation
import Testing

/// The project's rule that unsafe pointers live only in DistSwiftNative's thin typed wrappers and kernels
/// (docs/architecture.md, "C stays in DistSwiftNative"): every Swift file under Sources outside DistSwiftNative is
/// read, and any line that takes a raw buffer — `withUnsafe…`, an `Unsafe…Pointer` type, or FreshBuffer's
/// pointer-filling `FreshBuffer.array` — fails the test with its file and line. Commands call a typed kernel
/// instead (e.g. CorrelationKernels, ShortTimeKernels, SpectrumKernels).
@Suite("Unsafe pointers only in DistSwiftNative")
struct UnsafeConfinementTests {
    /// Files still being moved to DistSwiftNative in this session (the lead empties the list when merging). A
    /// file listed here that no longer uses a raw buffer fails the test too, so that the list only shrinks.
    static let notYetMoved: Set<String> = []

    /// A raw-buffer use in code (comment lines are prose and skipped). A new Regex each time: it is not Sendable,
    /// so it cannot be a static constant.
    static var rawBuffer: Regex<AnyRegexOutput> {
        try! Regex(#"withUnsafe|Unsafe[A-Za-z]*Pointer|FreshBuffer\.array\b"#)
    }

    /// "path:line: text" of every `pattern` match in the Swift file at `path` (relative to the package root).
    static func uses(in path: String, of pattern: Regex<AnyRegexOutput>) throws -> [String] {
        let text = try String(contentsOfFile: TestPaths.packageRoot + "/" + path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            let code = line.drop { $0 == " " }
            guard !code.hasPrefix("//"), line.contains(pattern) else { return nil }
            return "\(path):\(index + 1): \(code)"
        }
    }

    /// Every Swift file under Sources outside DistSwiftNative, relative to the package root.
    static func scannedFiles() throws -> [String] {
        let root = TestPaths.packageRoot
        guard let walk = FileManager.default.enumerator(atPath: root + "/Sources") else { return [] }
        return walk.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("DistSwiftNative/") }
            .map { "Sources/" + $0 }
            .sorted()
    }

    @Test("the pattern finds each form of raw buffer and passes typed code")
    func patternFindsRawBuffers() {
        let pattern = Self.rawBuffer
        for line in ["x.withUnsafeBufferPointer { p in", "let p: UnsafeMutableBufferPointer<Double>",
                     "bytes.withUnsafeBytes { raw in", "UnsafeRawBufferPointer(start: nil, count: 0)",
                     "FreshBuffer.array(count) { out in"] {
            #expect(line.contains(pattern), "missed: \(line)")
        }
        for line in ["CorrelationKernels.fftShiftedRows(a.values, rows: 2, columns: 4, scale: 1)",
                     "var out = FreshBuffer.zeros(rows * columns)"] {
            #expect(!line.contains(pattern), "flagged typed code: \(line)")
        }
    }

    @Test("no file outside DistSwiftNative takes a raw buffer, except those still being moved")
    func rawBuffersStayInNative() throws {
        let files = try Self.scannedFiles()
        // The walk found the project's sources (a wrong root would pass vacuously).
        #expect(files.count > 300, "only \(files.count) Swift files found under \(TestPaths.packageRoot)/Sources")
        #expect(files.contains("Sources/DistSwiftCalc/Commands/Arrays/CorrelationCommands.swift"))
        let pattern = Self.rawBuffer
        var offending: [String] = []
        var stillUsing: Set<String> = []
        for file in files {
            let uses = try Self.uses(in: file, of: pattern)
            if uses.isEmpty { continue }
            if Self.notYetMoved.contains(file) { stillUsing.insert(file) } else { offending += uses }
        }
        #expect(offending.isEmpty, """
            raw buffers outside DistSwiftNative (move each loop into a typed kernel in Sources/DistSwiftNative):
            \(offending.joined(separator: "\n"))
            """)
        let moved = Self.notYetMoved.subtracting(stillUsing).sorted()
        #expect(moved.isEmpty, "no longer use raw buffers; remove them from notYetMoved: \(moved.joined(separator: ", "))")
    }
}

import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `synth --segy-format int16`: the same scene as the float32 files, as int16 counts (× 10,000, rounded).
@Suite("synth int16 SEG-Y (CLI)")
struct SynthInt16Tests {
    @Test("int16 SEG-Y: format 3, and ingested raw its chunks are round(float32 scene × 10000)")
    func int16Files() throws {
        let folder = try TemporaryFolder()
        for (name, format) in [("i16", "int16"), ("f32", "float32")] {
            let synth = try distswift("synth", "--segy", folder.file("\(name)/p/raw"), "--segy-format", format,
                                      "--files", "2", "--seconds", "2", "--channels", "16", "--rate", "500")
            #expect(synth.status == 0, "\(synth.stderr)")
            let config = try folder.write("\(name).json", """
                {"in_drive": "\(name)", "out_drive": "\(name)", "project": "p", "data": "raw", "results": "store"}
                """)
            let ingest = try distswift("ingest", config, "--dtype", "raw", "--quiet")
            #expect(ingest.status == 0, "\(ingest.stderr)")
        }
        let info = try distswift("info", folder.file("i16/p/raw/synth_20240101_000000.sgy"))
        #expect(info.stdout.contains("format 3") && info.stdout.contains("int16"), "\(info.stdout)")
        #expect(try distswift("synth", "--segy", folder.file("x"), "--segy-format", "int8").status != 0)

        let counts = try ChunkStore.open(LocalStorage(root: folder.file("i16/p/store")))
        let floats = try ChunkStore.open(LocalStorage(root: folder.file("f32/p/store")))
        #expect(counts.dtype == .int16 && floats.dtype == .float32)
        #expect(counts.chunks.map(\.startTimeNs) == floats.chunks.map(\.startTimeNs) && counts.chunks.count == 2)
        for (c, f) in zip(counts.chunks, floats.chunks) {
            let got = try counts.read(c, as: Int16.self).values
            let scene = try floats.read(f, as: Float.self).values
            let expected = scene.map { Int16(max(-32767, min(32767, ($0 * 10_000).rounded()))) }
            #expect(got == expected)
            #expect(Set(got).count > 100, "not a constant record")
        }
    }
}

import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("segyio and cairo wrappers")
struct SegyioAndCairoTests {
    /// A big-endian 16-bit field read straight from the file's bytes: the independent reference for segyio.
    private func rawField(_ bytes: Data, _ position: Int) -> Int32 {
        Int32(Int16(bitPattern: UInt16(bytes[position - 1]) << 8 | UInt16(bytes[position])))
    }

    @Test("segyio reads the binary header of segyio's own test file", .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
    func segyioBinaryHeader() throws {
        let data = TestPaths.sharedData!
        let path = data + "/segy/small.sgy"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let file = try SegyioFile(path: path)
        #expect(file.sampleFormat == rawField(bytes, 3225))
        #expect(file.samplesPerTrace == rawField(bytes, 3221))
        #expect(try file.binaryField(3217) == rawField(bytes, 3217))
        #expect(file.samplesPerTrace > 0)
    }

    @Test("a cairo image is written as a PNG of the requested size")
    func cairoPNG() throws {
        let folder = try TemporaryFolder()
        let image = try CairoImage(width: 64, height: 32)
        image.fill(x: 0, y: 0, width: 64, height: 32, red: 1, green: 0.5, blue: 0)
        try image.writePNG(to: folder.file("a.png"))
        let png = try Data(contentsOf: URL(fileURLWithPath: folder.file("a.png")))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height are big-endian 32-bit at bytes 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 64 && height == 32)
    }
}

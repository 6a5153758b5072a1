import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Inconsistent files are refused with an error naming the file and the contradiction, never read into plausible
/// wrong chunks. The files are written with h5py, independently of distswift's HDF5 code.
@Suite("Readers refuse inconsistent records", .enabled(if: PythonReference.hasH5py, "needs python3 with h5py"))
struct RecordConsistencyTests {
    /// Writes an HDF5 file with the python statements `body` (`f` is the open file, `np` numpy).
    private func h5(_ folder: TemporaryFolder, _ name: String, _ body: String) throws -> String {
        let path = folder.file(name)
        try PythonReference.check("""
            import sys, h5py, numpy as np
            f = h5py.File(sys.argv[1], 'w')
            \(body)
            f.close()
            """, arguments: [path])
        return path
    }

    private func refusal(_ path: String, layout: HDF5Layout? = nil) -> String {
        do {
            _ = try RecordFormats.open(path, layout: layout)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test("time vectors: wrong length, not increasing, a gap; a square array without axis names")
    func timeVectors() throws {
        let folder = try TemporaryFolder()
        let t = "np.arange(200) * 0.004 + 1.6e9"
        let short = try h5(folder, "short.h5", "f['raw'] = np.zeros((200, 10), 'f4'); f['timestamp'] = (\(t))[:150]")
        #expect(refusal(short).contains("short.h5") && refusal(short).contains("matches no axis"))
        let backwards = try h5(folder, "back.h5", "t = \(t); t[50] = t[40]; f['raw'] = np.zeros((200, 10), 'f4'); f['timestamp'] = t")
        #expect(refusal(backwards).contains("does not increase at sample 50"))
        let gap = try h5(folder, "gap.h5", "t = \(t); t[100:] += 1.0; f['raw'] = np.zeros((200, 10), 'f4'); f['timestamp'] = t")
        #expect(refusal(gap).contains("is not regular") && refusal(gap).contains("split the file"))
        let square = try h5(folder, "square.h5", "f['raw'] = np.zeros((200, 200), 'f4'); f['timestamp'] = \(t)")
        #expect(refusal(square).contains("ambiguous") && refusal(square).contains("hdf5_layout"))
    }

    @Test("PRODML: NumberOfLoci contradicting the data's shape (a transposed array) and a contradicting rate")
    func prodmlContradictions() throws {
        let folder = try TemporaryFolder()
        let base = """
            a = f.create_group('Acquisition'); a.attrs['SpatialSamplingInterval'] = 1.0
            r = a.create_group('Raw[0]'); d = r.create_dataset('RawData', data=np.zeros((100, 30), 'i2'))
            d.attrs['Dimensions'] = [b'time', b'locus']; r['RawDataTime'] = np.arange(100, dtype='i8') * 1000
            """
        let transposed = try h5(folder, "transposed.h5", base + "\nr.attrs['NumberOfLoci'] = 100")
        #expect(refusal(transposed).contains("NumberOfLoci is 100 but RawData has 30 loci"))
        let rate = try h5(folder, "rate.h5", base + "\nr.attrs['OutputDataRate'] = 500.0")
        #expect(refusal(rate).contains("OutputDataRate is 500.0 Hz but RawDataTime steps give 1000.0 Hz"))
    }

    @Test("hdf5_layout: a missing data set, a time vector of the wrong length, positions of the wrong length")
    func layoutContradictions() throws {
        let folder = try TemporaryFolder()
        let path = try h5(folder, "custom.h5", """
            g = f.create_group('M'); g['strain'] = np.zeros((300, 40), 'f4'); g['t'] = np.arange(300) * 1000
            g['x'] = np.arange(30.0); g.attrs['dx'] = 2.5
            """)
        let layout = HDF5Layout(data: "/M/strain", timeFirst: true, time: .vector(dataset: "/M/t", unit: "us"),
                                distance: .vector(dataset: "/M/x"))
        #expect(refusal(path, layout: layout).contains("/M/x has 30 positions but /M/strain has 40 channels"))
        var transposed = layout
        transposed.timeFirst = false
        transposed.distance = .startAndSpacing(startM: .number(0), spacingM: .attribute(object: "/M", name: "dx"))
        #expect(refusal(path, layout: transposed).contains("/M/t (hdf5_layout.time.dataset, axes distance,time) "
            + "has 300 entries but the data have 40 time samples"))
        transposed.timeFirst = true
        let reader = try RecordFormats.open(path, layout: transposed)
        #expect(reader.metadata.channelPositions.last == 39 * 2.5 && reader.metadata.samplingRateHz == 1000)
        var elsewhere = layout
        elsewhere.data = "/Other"
        #expect(refusal(path, layout: elsewhere).contains("no /Other, the data set hdf5_layout names"))
    }

    @Test("distpy's simple layout: start from the file name (UTC), rate from the HDF5 chunk rows, depth vector")
    func distpySimple() throws {
        let folder = try TemporaryFolder()
        let path = try h5(folder, "well_200920_123000.h5", """
            f.create_dataset('data', data=np.arange(3000 * 8, dtype='f4').reshape(3000, 8), chunks=(1000, 8))
            f['depth'] = np.linspace(100.0, 107.0, 8)
            """)
        let reader = try RecordFormats.open(path)
        #expect(reader.metadata.format == "distpy simple HDF5")
        #expect(reader.metadata.startTimeNs == UTCTime.parse("2020-09-20T12:30:00Z"))
        #expect(reader.metadata.samplingRateHz == 1000 && reader.metadata.sampleCount == 3000)
        #expect(reader.metadata.channelPositions == (0..<8).map { 100.0 + Double($0) })
        let block = try reader.read(samples: 999..<1001, as: Float.self)
        // data[t, c] = 8 t + c on disk (time × depth); the reader returns channels × samples.
        let expected: [Float] = (0..<8).flatMap { c in [999, 1000].map { t in Float(8 * t + c) } }
        #expect(block.values == expected)
        let badName = try h5(folder, "well.h5", "f.create_dataset('data', data=np.zeros((10, 2), 'f4'), chunks=(5, 2)); f['depth'] = np.zeros(2)")
        #expect(refusal(badName).contains("DDMMYY_HHMMSS.h5"))
    }

    @Test("float seconds since the epoch become the shortest decimal's nanoseconds, not the double's noise")
    func epochSeconds() throws {
        #expect(try RegularTimeAxis.nanoseconds(epochSeconds: 1_698_416_617.02, file: "t.h5") == 1_698_416_617_020_000_000)
        #expect(try RegularTimeAxis.nanoseconds(epochSeconds: 1_661_296_194.3738363, file: "t.h5") == 1_661_296_194_373_836_300)
        #expect(try RegularTimeAxis.nanoseconds(epochSeconds: 0.5, file: "t.h5") == 500_000_000)
        #expect(try RegularTimeAxis.nanoseconds(epochSeconds: 1e-10, file: "t.h5") == 0)
    }

    @Test("a time stamp no UTC nanosecond count holds (NaN, 1e300 s, µs overflowing) is refused, never trapped on")
    func unrepresentableStamps() throws {
        for seconds in [Double.nan, .infinity, -.infinity, 1e300, -1e12, 9.3e9] {
            #expect(throws: RecordError.self) { try RegularTimeAxis.nanoseconds(epochSeconds: seconds, file: "t.h5") }
        }
        #expect(throws: RecordError.self) { try RegularTimeAxis.nanoseconds([0, 1e19], unit: "ns", file: "t.h5") }
        #expect(throws: RecordError.self) { try RegularTimeAxis.nanoseconds([1e17], unit: "us", file: "t.h5") }
        do {
            _ = try RegularTimeAxis.nanoseconds(epochSeconds: 1e300, file: "t.h5")
        } catch let error as RecordError {
            #expect("\(error)".contains("t.h5") && "\(error)".contains("1678–2262"), "\(error)")
        }
        #expect(try RegularTimeAxis.nanoseconds(epochSeconds: -1.5, file: "t.h5") == -1_500_000_000)
    }
}

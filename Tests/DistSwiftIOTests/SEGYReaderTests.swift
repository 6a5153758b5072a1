import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

/// Paths and whole-file reads shared by the SEG-Y suites.
private enum SEGYSamples {
    static func segy(_ name: String) -> String { TestPaths.sharedData! + "/segy/" + name }
    static func multiformat(_ code: Int, _ order: String) -> String { segy("multiformats/Format\(code)\(order).sgy") }
    static let forge = "FORGE_78-32_iDASv3-P11_UTC190428135038.sgy"
    static var forgePath: String { TestPaths.sharedData! + "/das/" + forge }

    /// Every sample of every trace, channels × samples, as Double.
    static func readAll(_ path: String) throws -> Array2D<Double> {
        let reader = try SEGYReader(path: path)
        return try reader.read(samples: 0..<reader.metadata.sampleCount, as: Double.self)
    }

    /// f3.sgy's int16 samples: the values every multiformats file holds in its own sample format.
    static let f3: Array2D<Double>? = try? readAll(segy("f3.sgy"))
}

/// The segyio test files (`../shared/data/segy`) and the FORGE DAS file: every sample format in both byte orders
/// against f3.sgy, against an independent numpy decoding, and the FORGE file against the DASCore oracle.
@Suite("SEGY reader: segyio test files and FORGE",
       .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
struct SEGYReaderTests {
    @Test("multiformats: formats 1–7 and 9, both byte orders, hold exactly f3's samples",
          arguments: [1, 2, 3, 4, 5, 6, 7, 9])
    func exactFormats(code: Int) throws {
        let f3 = try #require(SEGYSamples.f3)
        for order in ["msb", "lsb"] {
            let path = SEGYSamples.multiformat(code, order)
            #expect(SEGYReader.sniff(path: path))
            let reader = try SEGYReader(path: path)
            #expect(reader.metadata.channelCount == 414 && reader.metadata.sampleCount == 75)
            #expect(reader.metadata.samplingRateHz == 250)
            #expect(reader.metadata.format.contains("format \(code) "))
            #expect(reader.metadata.format.contains(order == "msb" ? "big-endian" : "little-endian"))
            #expect(try SEGYSamples.readAll(path) == f3, "Format\(code)\(order).sgy")
        }
    }

    /// The unsigned files store the bit patterns of f3's negative values (−5 as 2^N − 5), so f3 is wrapped into the
    /// unsigned N-bit range before comparing; a uint64 that large reads as the nearest Double, as here.
    @Test("multiformats: unsigned formats 10, 11, 12, 15 hold f3's samples as two's-complement bit patterns",
          arguments: [10, 11, 12, 15])
    func unsignedFormats(code: Int) throws {
        let f3 = try #require(SEGYSamples.f3)
        let wrapped = f3.values.map { v -> Double in
            switch code {
            case 10: return Double(UInt32(bitPattern: Int32(v)))
            case 11: return Double(UInt16(bitPattern: Int16(v)))
            case 12: return Double(UInt64(bitPattern: Int64(v)))
            default: return Double(UInt32(bitPattern: Int32(v)) & 0xFF_FFFF)  // uint24
            }
        }
        #expect(f3.values.contains { $0 < 0 }, "f3 must have negative samples for this test to mean anything")
        for order in ["msb", "lsb"] {
            #expect(try SEGYSamples.readAll(SEGYSamples.multiformat(code, order)).values == wrapped,
                    "Format\(code)\(order).sgy")
        }
    }

    /// Formats 8 (int8) and 16 (uint8) cannot hold f3's 16-bit values; segyio's files store the low byte of each.
    @Test("multiformats: formats 8 and 16 hold f3's low byte", arguments: [8, 16])
    func byteFormats(code: Int) throws {
        let f3 = try #require(SEGYSamples.f3)
        let lowBytes = f3.values.map { v -> Double in
            code == 8 ? Double(Int8(truncatingIfNeeded: Int16(v))) : Double(UInt8(truncatingIfNeeded: Int16(v)))
        }
        for order in ["msb", "lsb"] {
            #expect(try SEGYSamples.readAll(SEGYSamples.multiformat(code, order)).values == lowBytes,
                    "Format\(code)\(order).sgy")
        }
    }

    @Test("f3-lsb equals f3 (int16) and small-lsb equals small (IBM floats in both byte orders)")
    func littleEndianCopies() throws {
        let f3 = try SEGYSamples.readAll(SEGYSamples.segy("f3.sgy"))
        #expect(try SEGYSamples.readAll(SEGYSamples.segy("f3-lsb.sgy")) == f3)
        let small = try SEGYSamples.readAll(SEGYSamples.segy("small.sgy"))
        #expect(small.shape == [25, 50])
        #expect(try SEGYSamples.readAll(SEGYSamples.segy("small-lsb.sgy")) == small)
        // segyio's documented first samples of small.sgy (IBM 1.2, 1.20001, …)
        #expect(abs(small[0, 0] - 1.2) < 1e-6 && small[0, 1] != small[0, 0])
        let m = try SEGYReader(path: SEGYSamples.segy("f3.sgy")).metadata
        #expect(m.storedType == .int16 && m.startTimeNs == 0)
        #expect(m.channelPositions == (0..<414).map(Double.init))
        #expect(m.format.contains("positions unknown") && m.format.contains("start at the epoch"))
    }

    @Test("f3 and small equal an independent numpy decoding of the raw bytes (int16; IBM as sign × fraction × 16^e)",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
    func numpyReference() throws {
        let files = ["f3.sgy", "small.sgy", "small-lsb.sgy", "f3-lsb.sgy"].map { SEGYSamples.segy($0) }
        let out = try PythonReference.check("""
            import sys, json, struct, numpy as np
            def decode(path):
                b = open(path, 'rb').read()
                e = '>' if 1 <= struct.unpack('>h', b[3224:3226])[0] <= 16 else '<'
                fmt, ns = struct.unpack(e + 'h', b[3224:3226])[0], struct.unpack(e + 'H', b[3220:3222])[0]
                width = {1: 4, 3: 2}[fmt]
                length = 240 + ns * width
                traces = []
                for k in range((len(b) - 3600) // length):
                    raw = b[3600 + k * length + 240:3600 + (k + 1) * length]
                    if fmt == 3:
                        v = np.frombuffer(raw, e + 'i2').astype(np.float64)
                    else:
                        w = np.frombuffer(raw, e + 'u4').astype(np.int64)
                        sign = np.where(w >> 31 == 1, -1.0, 1.0)
                        v = sign * (w & 0xFFFFFF).astype(np.float64) / 2.0**24 * 16.0 ** (((w >> 24) & 0x7F) - 64)
                    traces.append(v.tolist())
                return traces
            print(json.dumps([decode(p) for p in sys.argv[1:]]))
            """, arguments: files)
        let reference = try JSONDecoder().decode([[[Double]]].self, from: Data(out.utf8))
        for (path, traces) in zip(files, reference) {
            let ours = try SEGYSamples.readAll(path)
            #expect(ours.values == traces.flatMap { $0 }, "\(path)")
            #expect(ours.rows == traces.count)
        }
    }

    @Test("segyio reads the same format code, sample count and interval from the big-endian files")
    func segyioAgrees() throws {
        // segyio 1.8 cannot detect little-endian files, so only the big-endian ones are compared.
        for path in [SEGYSamples.segy("f3.sgy"), SEGYSamples.segy("small.sgy"), SEGYSamples.forgePath]
            + [1, 2, 3, 5, 6, 7, 8, 16].map({ SEGYSamples.multiformat($0, "msb") })
        {
            let segyio = try SegyioFile(path: path)
            let ours = try SEGYReader(path: path).metadata
            #expect(ours.format.contains("format \(segyio.sampleFormat) "), "\(path)")
            #expect(Int(segyio.samplesPerTrace) == ours.sampleCount, "\(path)")
            #expect(1e6 / Double(try segyio.binaryField(3217)) == ours.samplingRateHz, "\(path)")
        }
    }

    @Test("multi-text (4 extended text headers), delay-scalar (ASCII text header) and text-embed-null open")
    func oddHeaders() throws {
        let multi = try SEGYReader(path: SEGYSamples.segy("multi-text.sgy"))
        #expect(multi.metadata.channelCount == 1 && multi.metadata.sampleCount == 1)
        // The one sample lies after 4 × 3200 bytes of extended text headers: its IBM word decoded by hand.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: SEGYSamples.segy("multi-text.sgy")))
        let at = 3600 + 4 * 3200 + 240
        let word = bytes[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let fraction = Double(word & 0xFF_FFFF) / 16_777_216
        let expected = (word >> 31 == 1 ? -1.0 : 1.0) * fraction * pow(16, Double(Int((word >> 24) & 0x7F) - 64))
        #expect(try multi.read(samples: 0..<1, as: Double.self).values == [expected])

        let delay = try SEGYReader(path: SEGYSamples.segy("delay-scalar.sgy"))
        #expect(delay.metadata.channelCount == 1 && delay.metadata.sampleCount == 251)
        #expect(delay.textHeader[0].hasPrefix("C 1 CLIENT"))  // ASCII, not EBCDIC

        let withNull = try SEGYReader(path: SEGYSamples.segy("text-embed-null.sgy"))
        #expect(withNull.metadata.channelCount == 25 && withNull.metadata.sampleCount == 50)
        #expect(withNull.textHeader[0].hasPrefix("C 1 DATE: 2016-09-19"))
    }

    @Test("read(samples:) returns just the asked range of every trace")
    func sampleRange() throws {
        let reader = try SEGYReader(path: SEGYSamples.multiformat(7, "lsb"))
        let all = try reader.read(samples: 0..<75, as: Float.self)
        #expect(try reader.read(samples: 10..<23, as: Float.self) == all.columns(10..<23))
        #expect(try reader.read(samples: 74..<75, as: Float.self) == all.columns(74..<75))
        #expect(throws: RecordError.self) { try reader.read(samples: 70..<76, as: Float.self) }
    }

    /// The oracle (DASCore) hashes the float32 array as time × trace, little-endian, C order. Its start time ignores
    /// text line C13 ("UTC File Time stamp: 2019/04/28 13:50:38.426514 (UTC)"), whose whole seconds agree with the
    /// trace headers, so distswift's start is the oracle's + 426 514 000 ns.
    @Test("FORGE: data equal the oracle's sha256, time step equal, start = oracle + 426 514 000 ns (text line C13)",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
    func forgeMatchesOracle() throws {
        let reader = try SEGYReader(path: SEGYSamples.forgePath)
        let m = reader.metadata
        let oracle = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            TestPaths.sharedData! + "/das/reference-reads.json"))) as? [String: Any]
        let entry = try #require(oracle?[SEGYSamples.forge] as? [String: Any])
        let data = try #require(entry["dascore_data"] as? [String: Any])
        let time = try #require((entry["dascore_coords"] as? [String: Any])?["time"] as? [String: Any])
        #expect(data["shape"] as? [Int] == [m.sampleCount, m.channelCount])
        #expect(Double(time["step_ns_median"] as? Double ?? 0) == 1e9 / m.samplingRateHz)
        let firstText = try #require(time["first"] as? String)
        let first = try #require(UTCTime.parse(firstText))
        #expect(m.startTimeNs == first + 426_514_000)
        #expect(m.storedType == .float32 && m.units == "strain rate")
        #expect(m.format == "SEG-Y rev 1 (big-endian, format 5 IEEE float32)")
        #expect(reader.layoutSummary == "byte order big from the format code; EBCDIC text header; 33 traces of 120240 "
            + "bytes from byte 3600 (0 extended text headers); 30000 samples per trace from binary header 3221–3222; "
            + "interval 500.0 µs from binary header 3217–3218")

        // time × trace, float32 little-endian, hashed by python's hashlib.
        let samples = try reader.read(samples: 0..<m.sampleCount, as: Float.self)
        var timeMajor = [Float](repeating: 0, count: samples.values.count)
        for c in 0..<samples.rows {
            for t in 0..<samples.columns { timeMajor[t * samples.rows + c] = samples[c, t] }
        }
        let folder = try TemporaryFolder()
        let raw = folder.file("forge.f32")
        let littleEndian = timeMajor.map { $0.bitPattern.littleEndian }
        try littleEndian.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: raw)) }
        let sha = try PythonReference.check(
            "import sys, hashlib; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())", arguments: [raw])
        #expect(sha.trimmingCharacters(in: .whitespacesAndNewlines) == data["sha256_native_C_order"] as? String)
    }

    /// Positions: FIBREDIST (trace bytes 197–200, declared in text line C38) wins over RECMD (237–240): the fibre
    /// distance is what the other readers return as the channel position. Both are scaled by the elevation scalar
    /// (69–70 = −1000: divide). The reference reads the same bytes with python's struct, independently.
    @Test("FORGE: positions are FIBREDIST × elevation scalar, as python's struct reads them from the raw bytes",
          .enabled(if: PythonReference.isAvailable, "needs python3"))
    func forgePositions() throws {
        let reader = try SEGYReader(path: SEGYSamples.forgePath)
        let out = try PythonReference.check("""
            import sys, struct, json
            b = open(sys.argv[1], 'rb').read()
            ns = struct.unpack('>H', b[3220:3222])[0]; length = 240 + 4 * ns
            out = []
            for k in range((len(b) - 3600) // length):
                h = b[3600 + k * length:3600 + k * length + 240]
                scalar = struct.unpack('>h', h[68:70])[0]; v = struct.unpack('>i', h[196:200])[0]
                out.append(v / -scalar if scalar < 0 else v * (scalar or 1))
            print(json.dumps(out))
            """, arguments: [SEGYSamples.forgePath])
        let expected = try JSONDecoder().decode([Double].self, from: Data(out.utf8))
        #expect(reader.metadata.channelPositions == expected)
        #expect(expected.first == -509.136 && expected.last == -401.95)
        #expect(reader.positionSource.hasPrefix("FIBREDIST (trace bytes 197–200)"))
        let steps = zip(expected.dropFirst(), expected).map { ($0 - $1) }
        #expect(steps.allSatisfy { abs($0 - 3.3495) < 0.001 })
    }

    @Test("a SEG-Y file cut in the middle of a trace is refused with its name, its size and the expected sizes")
    func truncatedFile() throws {
        let folder = try TemporaryFolder()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: SEGYSamples.forgePath))
        let traceLength = 240 + 30_000 * 4
        let cut = 3600 + 5 * traceLength + 1000
        let path = folder.file("cut.sgy")
        try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
        #expect(SEGYReader.sniff(path: path), "a truncated SEG-Y file is still SEG-Y, refused by init, not by sniff")
        let error = try #require(throws: RecordError.self) { try RecordFormats.open(path) }
        #expect(error.file == path)
        for number in ["\(cut)", "\(traceLength)", "\(3600 + 5 * traceLength)", "\(3600 + 6 * traceLength)"] {
            #expect(error.problem.contains(number), "\(error)")
        }
        #expect(error.fix?.contains("truncated") == true)
    }

    @Test("text and HDF5 files are not sniffed as SEG-Y")
    func notSEGY() throws {
        let folder = try TemporaryFolder()
        let text = try folder.write("notes.sgy", String(repeating: "field notes, nothing else\n", count: 300))
        #expect(!SEGYReader.sniff(path: text))
        #expect(!SEGYReader.sniff(path: TestPaths.sharedData! + "/das/prodml_2.0.h5"))
        #expect(!SEGYReader.sniff(path: SEGYSamples.segy("small.su")))  // SU: no 3600-byte file header
        #expect(!SEGYReader.sniff(path: folder.file("missing.sgy")))
    }
}

/// `SEGYWriter` → `SEGYReader` round trips (no sample data needed), the refusals that protect the store from partial
/// or corrupt files, and segyio reading what the writer wrote.
@Suite("SEGY writer and bad input")
struct SEGYWriterTests {
    /// A record with a sub-second start to the nanosecond and positions that need a scalar of −100.
    static let description = SEGYWriter.Description(
        samplingRateHz: 2000, startTimeNs: 1_556_459_438_426_514_123,
        channelPositions: (0..<7).map { -12.5 + 1.25 * Double($0) }, units: "(nm/m)/s",
        vendor: "Silixa iDAS", gaugeLengthM: 10.2, comments: ["synthetic test record"])

    static func samples<T: StorableScalar>(_ type: T.Type, channels: Int = 7, count: Int = 3001) -> Array2D<T> {
        Array2D(rows: channels, columns: count, values: (0..<(channels * count)).map {
            T(converting: Double(($0 * 7919) % 20001 - 10000) * (T.self == Float.self ? 0.37 : 1))
        })
    }

    private func writeAndRead<T: StorableScalar>(_ data: Array2D<T>, format: SEGYWriter.SampleFormat,
                                                 revision: SEGYWriter.Revision = .rev2,
                                                 description: SEGYWriter.Description = description)
        throws -> (SEGYReader, Array2D<T>, TemporaryFolder)
    {
        let folder = try TemporaryFolder()
        try SEGYWriter(format: format, revision: revision)
            .write(data, description, to: LocalStorage(root: folder.path), path: "out/record.sgy")
        let path = folder.file("out/record.sgy")
        #expect(SEGYReader.sniff(path: path))
        let reader = try #require(try RecordFormats.open(path) as? SEGYReader)
        return (reader, try reader.read(samples: 0..<reader.metadata.sampleCount, as: T.self), folder)
    }

    @Test("float32 rev 2 round trip is exact: samples, rate, start to the nanosecond, positions, units, vendor, gauge")
    func float32RoundTrip() throws {
        let data = Self.samples(Float.self)
        let (reader, back, folder) = try writeAndRead(data, format: .ieeeFloat32)
        #expect(back == data)
        let m = reader.metadata
        #expect(m.channelCount == 7 && m.sampleCount == 3001)
        #expect(m.samplingRateHz == 2000)
        #expect(m.startTimeNs == Self.description.startTimeNs)
        #expect(m.channelPositions == Self.description.channelPositions)
        #expect(m.units == "(nm/m)/s" && m.vendor == "Silixa iDAS" && m.gaugeLengthM == 10.2)
        #expect(m.storedType == .float32)
        #expect(m.format == "SEG-Y rev 2.0 (big-endian, format 5 IEEE float32)")
        #expect(reader.notes.isEmpty)
        #expect(reader.textHeader[4] == "C 5 UTC File Time stamp: 2019/04/28 13:50:38.426514123 (UTC)")
        // Written under a temporary name and renamed: nothing else is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["record.sgy"])
    }

    @Test("int16 rev 1 round trip is exact and keeps int16 as the stored type; a whole-µs start has 6 digits")
    func int16RoundTrip() throws {
        let data = Self.samples(Int16.self, channels: 3, count: 500)
        var description = Self.description
        description.channelPositions = [100, 101, 102]
        description.startTimeNs = 1_700_000_000_250_000_000
        description.samplingRateHz = 500
        let (reader, back, _) = try writeAndRead(data, format: .int16, revision: .rev1, description: description)
        #expect(back == data)
        #expect(reader.metadata.storedType == .int16)
        #expect(reader.metadata.format == "SEG-Y rev 1 (big-endian, format 3 int16)")
        #expect(reader.metadata.startTimeNs == description.startTimeNs)
        #expect(reader.metadata.channelPositions == [100, 101, 102] && reader.metadata.samplingRateHz == 500)
        #expect(reader.textHeader[4].hasSuffix("2023/11/14 22:13:20.250000 (UTC)"))
    }

    @Test("more than 65535 samples per trace go to rev 2's extended sample count")
    func extendedSampleCount() throws {
        let data = Self.samples(Int16.self, channels: 2, count: 70_000)
        var description = Self.description
        description.channelPositions = [0, 1]
        let (reader, back, _) = try writeAndRead(data, format: .int16, description: description)
        #expect(reader.metadata.sampleCount == 70_000)
        #expect(back == data)
    }

    @Test("positions finer than 0.1 mm are rounded to it, as storablePositions says; rev 1 refuses a 1/3 ms interval")
    func positionResolution() throws {
        var description = Self.description
        description.channelPositions = (0..<7).map { 3.0 + Double($0) * 1.0209519863 }
        let stored = try #require(SEGYWriter.storablePositions(description.channelPositions))
        #expect(stored.scalar == -10000)
        let (reader, _, _) = try writeAndRead(Self.samples(Float.self, count: 10), format: .ieeeFloat32,
                                              description: description)
        #expect(reader.metadata.channelPositions == stored.values)
        #expect(zip(stored.values, description.channelPositions).allSatisfy { abs($0 - $1) <= 0.00005 })

        description.samplingRateHz = 3000
        let folder = try TemporaryFolder()
        #expect(throws: RecordError.self) {
            try SEGYWriter(format: .ieeeFloat32, revision: .rev1)
                .write(Self.samples(Float.self, count: 10), description, to: LocalStorage(root: folder.path),
                       path: "a.sgy")
        }
        // rev 2 holds it in the extended interval.
        let (rev2, _, _) = try writeAndRead(Self.samples(Float.self, count: 10), format: .ieeeFloat32,
                                            description: description)
        #expect(abs(rev2.metadata.samplingRateHz - 3000) < 1e-9)
    }

    @Test("int16 samples that are not integers in range are refused, and no file is left behind")
    func int16Refusal() throws {
        let folder = try TemporaryFolder()
        var data = Self.samples(Double.self, channels: 7, count: 10)
        data[3, 4] = 40_000
        let error = try #require(throws: RecordError.self) {
            try SEGYWriter(format: .int16).write(data, Self.description, to: LocalStorage(root: folder.path),
                                                  path: "bad.sgy")
        }
        #expect(error.problem.contains("channel 3") && error.problem.contains("40000"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("segyio reads the writer's binary header: format, samples, interval")
    func segyioReadsWriterOutput() throws {
        for (format, code) in [(SEGYWriter.SampleFormat.ieeeFloat32, 5), (.int16, 3)] {
            let folder = try TemporaryFolder()
            try SEGYWriter(format: format).write(Self.samples(Int16.self, count: 40), Self.description,
                                                 to: LocalStorage(root: folder.path), path: "a.sgy")
            let segyio = try SegyioFile(path: folder.file("a.sgy"))
            #expect(segyio.sampleFormat == code && segyio.samplesPerTrace == 40)
            #expect(try segyio.binaryField(3217) == 500)
        }
    }

    /// A written file with some bytes replaced.
    private func corrupted(_ edit: (inout [UInt8]) -> Void, revision: SEGYWriter.Revision = .rev2)
        throws -> (path: String, size: Int, folder: TemporaryFolder)
    {
        let folder = try TemporaryFolder()
        try SEGYWriter(revision: revision).write(Self.samples(Float.self, count: 100), Self.description,
                                                 to: LocalStorage(root: folder.path), path: "a.sgy")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("a.sgy"))))
        edit(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("a.sgy")))
        return (folder.file("a.sgy"), bytes.count, folder)
    }

    @Test("a file cut mid-trace is refused with the sizes; one cut at a trace boundary by its rev-2 trace count")
    func truncated() throws {
        let traceLength = 240 + 100 * 4
        let cut = try corrupted { $0.removeLast(traceLength / 2) }
        let error = try #require(throws: RecordError.self) { try SEGYReader(path: cut.path) }
        #expect(error.file == cut.path)
        #expect(error.problem.contains("is \(cut.size) bytes") && error.problem.contains("\(traceLength) bytes"))

        let boundary = try corrupted { $0.removeLast(traceLength) }
        let short = try #require(throws: RecordError.self) { try SEGYReader(path: boundary.path) }
        #expect(short.problem.contains("declares 7 traces") && short.problem.contains("hold 6 traces"))
    }

    @Test("a format code invalid in both byte orders, or an HDF5 signature, is not sniffed as SEG-Y",
          arguments: [[0x00, 0x0D], [0x00, 0x00], [0x11, 0x11], [0x0D, 0x00]])
    func invalidFormatCode(code: [UInt8]) throws {
        for revision in [SEGYWriter.Revision.rev1, .rev2] {
            let file = try corrupted({ $0[3224] = code[0]; $0[3225] = code[1] }, revision: revision)
            #expect(!SEGYReader.sniff(path: file.path))
            let error = try #require(throws: RecordError.self) { try SEGYReader(path: file.path) }
            #expect(error.problem.contains("is not SEG-Y"))
        }
        let hdf5 = try corrupted { $0.replaceSubrange(0..<8, with: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) }
        #expect(!SEGYReader.sniff(path: hdf5.path))
    }

    /// Big-endian field writes into a file's bytes, 1-based SEG-Y positions.
    private static func put(_ value: Int, at position: Int, width: Int, in bytes: inout [UInt8]) {
        for i in 0..<width { bytes[position - 1 + i] = UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - i))) }
    }

    @Test("positions: a non-monotonic FIBREDIST falls back to the receiver elevation, then to the channel index")
    func positionFallbacks() throws {
        let traceLength = 240 + 100 * 4
        func header(_ trace: Int, _ position: Int) -> Int { 3600 + trace * traceLength + position }
        // Trace 4's fibre distance equals trace 3's: not strictly monotonic.
        let repeated = try corrupted { bytes in
            for i in 0..<4 { bytes[header(3, 197) - 1 + i] = bytes[header(2, 197) - 1 + i] }
        }
        let unknown = try SEGYReader(path: repeated.path)
        #expect(unknown.metadata.channelPositions == (0..<7).map(Double.init))
        #expect(unknown.notes.contains {
            $0.hasPrefix("FIBREDIST (trace bytes 197–200)") && $0.contains("not monotonic at trace 4")
        })
        #expect(unknown.notes.contains("positions unknown: channel index × 1 m"))
        #expect(unknown.metadata.format.contains("positions unknown"))

        // With receiver elevations (41–44; the writer's elevation scalar is −100) those are used, decreasing.
        let elevations = try corrupted { bytes in
            for i in 0..<4 { bytes[header(3, 197) - 1 + i] = bytes[header(2, 197) - 1 + i] }
            for trace in 0..<7 { Self.put(-1000 - 10 * trace, at: header(trace, 41), width: 4, in: &bytes) }
        }
        let reader = try SEGYReader(path: elevations.path)
        let expected: [Double] = (0..<7).map { trace in Double(-1000 - 10 * trace) / 100 }
        #expect(reader.metadata.channelPositions == expected)
        #expect(reader.positionSource.hasPrefix("receiver group elevation"))
    }

    /// distpy's repair for a vendor's files: 3221–3222 holds 55537 and the real count sits in 3507–3510.
    @Test("distpy's 55537 repair: the sample count comes from bytes 3507–3510")
    func overflowedSampleCountRepair() throws {
        let folder = try TemporaryFolder()
        let data = Self.samples(Int16.self, channels: 2, count: 60_000)
        var description = Self.description
        description.channelPositions = [0, 1]
        try SEGYWriter(format: .int16, revision: .rev1).write(data, description, to: LocalStorage(root: folder.path),
                                                              path: "a.sgy")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("a.sgy"))))
        Self.put(55537, at: 3221, width: 2, in: &bytes)
        Self.put(60_000, at: 3507, width: 4, in: &bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("a.sgy")))
        let reader = try SEGYReader(path: folder.file("a.sgy"))
        #expect(reader.metadata.sampleCount == 60_000)
        #expect(try reader.read(samples: 0..<60_000, as: Int16.self) == data)
    }

    @Test("rev 2's byte offset of the first trace is honoured (here 100 bytes after the file header)")
    func firstTraceOffset() throws {
        let file = try corrupted { bytes in
            bytes.insert(contentsOf: [UInt8](repeating: 0xAB, count: 100), at: 3600)
            Self.put(3700, at: 3521 + 4, width: 4, in: &bytes)  // low half of the uint64 at 3521–3528
        }
        let reader = try SEGYReader(path: file.path)
        #expect(try reader.read(samples: 0..<100, as: Float.self) == Self.samples(Float.self, count: 100))
        #expect(reader.metadata.startTimeNs == Self.description.startTimeNs)
    }

    @Test("a record whose trace headers have no time starts at the epoch, with a note saying so")
    func noClockAndLittleEndian() throws {
        // Zero the time fields (157–166) of every trace: no clock.
        let traceLength = 240 + 100 * 4
        let file = try corrupted { bytes in
            for trace in 0..<7 {
                let start = 3600 + trace * traceLength + 156
                bytes.replaceSubrange(start..<(start + 10), with: [UInt8](repeating: 0, count: 10))
            }
        }
        let reader = try SEGYReader(path: file.path)
        #expect(reader.metadata.startTimeNs == 0)
        #expect(reader.notes.contains { $0.contains("no recording time") })
    }
}

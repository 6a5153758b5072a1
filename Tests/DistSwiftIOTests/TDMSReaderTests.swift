import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

/// Files and helpers shared by the TDMS suites.
private enum TDMSSamples {
    static let name = "sample_tdms_file_v4713.tdms"
    static var path: String { TestPaths.sharedData! + "/das/" + name }
    static var oraclePath: String { TestPaths.sharedData! + "/das/reference-reads.json" }

    /// The oracle reads (DASCore 0.1.24, xdas 0.2.10) of the sample file.
    static func oracle() throws -> [String: Any] {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: oraclePath)))
        return try #require((all as? [String: Any])?[name] as? [String: Any])
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    static func write(_ bytes: [UInt8], _ name: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func readAll<T: StorableScalar>(_ reader: TDMSReader, as type: T.Type) throws -> Array2D<T> {
        try reader.read(samples: 0..<reader.metadata.sampleCount, as: type)
    }

    /// Why `TDMSReader` refuses `path` (the error's text), or nil when it opens it.
    static func refusal(_ path: String) -> String? {
        do {
            _ = try TDMSReader(path: path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Samples `range` of each row of `a` (channels × samples).
    static func columns<T>(_ a: Array2D<T>, _ range: Range<Int>) -> [T] {
        (0..<a.rows).flatMap { a.row($0)[(a.columns * $0 + range.lowerBound)..<(a.columns * $0 + range.upperBound)] }
    }
}

/// The Silixa iDAS sample file (2432 channels × 216 int16 samples, interleaved, one segment whose lead-in declares
/// 30000 samples: the file is the start of a longer recording) against the oracle reads and an independent decoding.
@Suite("TDMS reader: the Silixa iDAS sample file",
       .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
struct TDMSSampleFileTests {
    @Test("metadata: 2432 channels × 216 samples at 500 Hz, GPS start to the ns, positions from Start Distance")
    func metadata() throws {
        let reader = try TDMSReader(path: TDMSSamples.path)
        let m = reader.metadata
        #expect(m.channelCount == 2432 && m.sampleCount == 216)
        #expect(m.samplingRateHz == 500)
        #expect(m.storedType == .int16 && m.gaugeLengthM == 10 && m.vendor == "Silixa iDAS 2.4.1.111")
        #expect(reader.groupName == "Measurement" && reader.channelNames == (0..<2432).map(String.init))
        #expect(m.format == "Silixa iDAS TDMS; incomplete last segment: 216 of the 30000 samples its lead-in "
            + "declares are in the file")

        // GPSTimeStamp is 3638144015 s + 14979389169428301824 × 2^-64 s after 1904-01-01 = …35.812034314 UTC.
        // DASCore and xdas report …35.812034: they go through numpy datetime64[us] and truncate to the µs.
        #expect(m.startTimeNs == 1_555_299_215_812_034_314)
        let coords = try #require(try TDMSSamples.oracle()["dascore_coords"] as? [String: Any])
        let time = try #require(coords["time"] as? [String: Any])
        let firstText = try #require(time["first"] as? String)
        let oracleFirst = try #require(UTCTime.parse(firstText))
        #expect(m.startTimeNs / 1000 * 1000 == oracleFirst)
        #expect(m.startTimeNs - oracleFirst < 1000)

        // Positions: Start Distance (m) + i × SpatialResolution[m] × Fibre Length Multiplier. DASCore starts at
        // StartPosition[m] (240 m), which belongs to no channel: Start Distance (−0.51043 m) and Stop Distance
        // (4963.40 m) span 2431 steps of 2 × 1.02095 = 2.0419 m, exactly the 2432 channels the file holds, so the
        // first channel is at Start Distance — xdas's origin, the file's own (docs/notes/file-layouts.md §4, §11).
        let start = -0.5104299999999711, step = 2.0 * 1.0209523838714072
        #expect(m.channelPositions.first == start)
        #expect(m.channelPositions == (0..<2432).map { start + Double($0) * step })
        #expect(abs(m.channelPositions.last! - 4963.360060382782) < 1e-9)  // xdas's last position
        let property = { (name: String) in reader.properties.first { $0.name == name }?.value }
        #expect(property("StartPosition[m]") == .real(240.000000124753))
        #expect(abs((property("Stop Distance (m)")!.number! - start) / step - 2431) < 0.05)
        #expect(property("MeasureLength[m]") == .integer(4864))
    }

    @Test("a sub-range equals the same samples of a full read, as int16 and as float32")
    func subRanges() throws {
        let reader = try TDMSReader(path: TDMSSamples.path)
        let full = try TDMSSamples.readAll(reader, as: Int16.self)
        #expect(full.shape == [2432, 216])
        // The oracle's first time sample, channels 0–4.
        #expect((0..<5).map { full[$0, 0] } == [-1144, -1897, -2329, -2163, -2052])
        for range in [0..<216, 37..<150, 215..<216, 0..<1, 100..<100] {
            let part = try reader.read(samples: range, as: Int16.self)
            #expect(part.shape == [2432, range.count])
            #expect(part.values == TDMSSamples.columns(full, range), "samples \(range)")
        }
        let floats = try reader.read(samples: 10..<60, as: Float.self)
        #expect(floats.values == TDMSSamples.columns(full, 10..<60).map(Float.init))
        #expect(throws: RecordError.self) { try reader.read(samples: 200..<217, as: Int16.self) }
    }

    @Test("the full read equals an independent python struct/numpy decoding, whose sha256 equals the oracle's",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"))
    func independentDecoding() throws {
        let folder = try TemporaryFolder()
        let reader = try TDMSReader(path: TDMSSamples.path)
        let ours = folder.file("ours.i2")
        let out = try NativeFile.create(ours)
        try out.write(try TDMSSamples.readAll(reader, as: Int16.self).values.inByteOrder(.little))
        try out.close()
        let result = try PythonReference.check("""
            import sys, struct, hashlib, json, numpy as np
            tdms, ours, oracle_path = sys.argv[1:4]
            b = open(tdms, 'rb').read()
            assert b[:4] == b'TDSm'
            toc, version, next_offset, raw_offset = struct.unpack_from('<IIQQ', b, 4)
            assert toc & 0x20 and not toc & 0x40, 'expected interleaved little-endian data'
            sizes = {1: 1, 2: 2, 3: 4, 4: 8, 5: 1, 6: 2, 7: 4, 8: 8, 9: 4, 10: 8, 0x21: 1, 0x44: 16}
            pos = 28
            (count,) = struct.unpack_from('<I', b, pos); pos += 4
            channels, types = 0, set()
            for _ in range(count):
                (n,) = struct.unpack_from('<I', b, pos); pos += 4 + n
                (index,) = struct.unpack_from('<I', b, pos); pos += 4
                if index != 0xFFFFFFFF:
                    t, dim, values = struct.unpack_from('<IIQ', b, pos); pos += index - 4
                    channels += 1; types.add(t)
                (props,) = struct.unpack_from('<I', b, pos); pos += 4
                for _ in range(props):
                    (n,) = struct.unpack_from('<I', b, pos); pos += 4 + n
                    (t,) = struct.unpack_from('<I', b, pos); pos += 4
                    if t == 0x20:
                        (n,) = struct.unpack_from('<I', b, pos); pos += 4 + n
                    else:
                        pos += sizes[t]
            assert types == {2}, types
            raw = b[28 + raw_offset:]
            rows = len(raw) // (2 * channels)
            data = np.frombuffer(raw[:rows * 2 * channels], '<i2').reshape(rows, channels)   # time × distance
            oracle = json.load(open(oracle_path))['sample_tdms_file_v4713.tdms']['dascore_data']
            assert hashlib.sha256(data.tobytes()).hexdigest() == oracle['sha256_native_C_order'], 'decode != oracle'
            mine = np.fromfile(ours, '<i2').reshape(channels, rows)
            assert np.array_equal(mine, data.T), 'distswift != the independent decoding'
            print('ok', channels, rows)
            """, arguments: [TDMSSamples.path, ours, TDMSSamples.oraclePath])
        #expect(result.trimmingCharacters(in: .whitespacesAndNewlines) == "ok 2432 216")
    }

    @Test("RecordFormats opens it with the TDMS reader; other readers do not claim it")
    func registry() throws {
        #expect(TDMSReader.sniff(path: TDMSSamples.path))
        #expect(try RecordFormats.open(TDMSSamples.path) is TDMSReader)
        #expect(RecordFormats.all.contains { ObjectIdentifier($0) == ObjectIdentifier(TDMSReader.self) })
        for format in RecordFormats.all where ObjectIdentifier(format) != ObjectIdentifier(TDMSReader.self) {
            let claims = format.sniff(path: TDMSSamples.path)
            #expect(!claims, "\(format.formatName) claims the TDMS file")
        }
    }

    @Test("a copy cut inside the metadata, or inside the lead-in, is claimed and refused with why")
    func cutInMetadata() throws {
        let folder = try TemporaryFolder()
        let original = try TDMSSamples.bytes(TDMSSamples.path)
        let inMetadata = try TDMSSamples.write(Array(original[0..<60_000]), "cut-metadata.tdms", in: folder)
        #expect(TDMSReader.sniff(path: inMetadata))
        let why = try #require(TDMSSamples.refusal(inMetadata))
        #expect(why.contains(inMetadata) && why.contains("segment 0") && why.contains("ends inside its metadata"))
        #expect(throws: RecordError.self) { try RecordFormats.open(inMetadata) }

        let inLeadIn = try TDMSSamples.write(Array(original[0..<20]), "cut-lead-in.tdms", in: folder)
        #expect(TDMSReader.sniff(path: inLeadIn))
        #expect(TDMSSamples.refusal(inLeadIn)?.contains("20 bytes, shorter than the 28-byte TDMS lead-in") == true)
        let beforeData = try TDMSSamples.write(Array(original[0..<(122_880 + 4000)]), "no-row.tdms", in: folder)
        #expect(TDMSSamples.refusal(beforeData)?.contains("holds no complete sample") == true)
    }

    @Test("a copy cut inside the raw data reads its complete rows and says what was dropped")
    func cutInRawData() throws {
        let folder = try TemporaryFolder()
        let original = try TDMSSamples.bytes(TDMSSamples.path)
        let cut = try TDMSSamples.write(Array(original.dropLast(1000)), "cut-raw.tdms", in: folder)
        let full = try TDMSSamples.readAll(try TDMSReader(path: TDMSSamples.path), as: Int16.self)
        let reader = try TDMSReader(path: cut)
        // 1049624 bytes of rows of 4864 bytes: 215 complete rows and 3864 bytes of the 216th.
        #expect(reader.metadata.sampleCount == 215)
        #expect(reader.metadata.format == "Silixa iDAS TDMS; incomplete last segment: 215 of the 30000 samples its "
            + "lead-in declares are in the file, 3864 bytes of a partial sample dropped")
        #expect(try TDMSSamples.readAll(reader, as: Int16.self).values == TDMSSamples.columns(full, 0..<215))
    }

    @Test("files that are not TDMS are not sniffed, and the reader refuses them by name")
    func notTDMS() throws {
        let folder = try TemporaryFolder()
        let text = try folder.write("notes.tdms", "TDMS is NI's format, but this is text\n")
        let hdf5 = TestPaths.sharedData! + "/das/silixa_h5_1.hdf5"
        for path in [text, hdf5] {
            #expect(!TDMSReader.sniff(path: path))
            #expect(TDMSSamples.refusal(path) == "\(path): is not a TDMS file (it does not start with 'TDSm')")
        }
        do {
            _ = try RecordFormats.open(text)
            Issue.record("a text file was opened")
        } catch {
            #expect("\(error)".contains("not a recognised DAS record") && "\(error)".contains("Silixa iDAS TDMS"))
        }
    }

    /// Validates the test writer against a file LabVIEW wrote: the lead-in, object paths, raw data indices, the
    /// 4 KiB padding and the interleaved int16 rows it writes (with the file object's properties copied and the
    /// data distswift read) rebuild the sample file byte for byte; its property encodings occur in the file as they are.
    @Test("the test writer rebuilds the sample file byte for byte from distswift's read of it")
    func writerRebuildsSample() throws {
        let original = try TDMSSamples.bytes(TDMSSamples.path)
        let reader = try TDMSReader(path: TDMSSamples.path)
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(original[at + $1]) << (8 * $1) } }
        // The file object's properties run from after its path and index (byte 41) to the group's path.
        let group = TDMSTestFile.Object(path: "/'Measurement'")
        var groupStart = TDMSTestFile.Writer(bigEndian: false)
        groupStart.string(group.path)
        let groupAt = try #require(firstIndex(of: groupStart.bytes, in: original))
        let data = try TDMSSamples.readAll(reader, as: Int16.self)
        let channels = (0..<data.rows).map { data.row($0).map(Double.init) }
        var segment = TDMSTestFile.Segment(
            objects: [TDMSTestFile.Object(path: "/", rawProperties: Array(original[41..<groupAt])), group]
                + reader.channelNames.map {
                    TDMSTestFile.Object(path: "/'Measurement'/'\($0)'",
                                        index: .values(type: TDMSTestFile.int16, count: 216))
                },
            interleaved: true, raw: TDMSTestFile.raw(channels, type: TDMSTestFile.int16, interleaved: true),
            declaredLength: u64(12))
        let unpadded = TDMSTestFile.bytes([segment]).count - 28 - segment.raw.count
        segment.padding = Int(u64(20)) - unpadded
        #expect(segment.padding == 1177)
        #expect(TDMSTestFile.bytes([segment]) == original)

        let encodings: [(String, TDMSTestFile.Property)] = [
            ("SamplingFrequency[Hz]", .f64(500)), ("MeasureLength[m]", .u32(4864)), ("Continuous Mode", .bool(true)),
            ("Reference length", .u8(0)), ("Reference Level 1", .i32(65535)), ("OutputDecimation[bool]", .u16(4)),
            ("iDASVersion", .text("2.4.1.111")),
            ("GPSTimeStamp", .time(seconds: 3_638_144_015, fraction: 14_979_389_169_428_301_824)),
        ]
        for (name, property) in encodings {
            #expect(firstIndex(of: TDMSTestFile.encoded(name, property), in: original) != nil, "\(name)")
        }
    }

    private func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// Files built by `TDMSTestFile`: incremental metadata over several segments, interleaving, both byte orders, every
/// integer and float type, time stamps, interrupted writes, and everything the reader must refuse.
@Suite("TDMS reader: hand-built files")
struct TDMSHandBuiltTests {
    typealias File = TDMSTestFile
    static let group = "/'Measurement'"
    static func channel(_ name: String) -> String { "\(group)/'\(name)'" }

    /// The file object as Silixa iDAS writes it, with `extra` properties after (or replacing) the usual ones.
    static func silixaRoot(_ extra: [(String, File.Property)] = [], drop: Set<String> = []) -> File.Object {
        var properties: [(String, File.Property)] = [
            ("SamplingFrequency[Hz]", .f64(1000)), ("SpatialResolution[m]", .f64(1)),
            ("Fibre Length Multiplier", .f64(1.5)), ("Start Distance (m)", .f64(10)),
            // 3.8e9 s after 1904 = 2024-05-31T11:33:20Z (unix 1717155200), + 2^63 × 2^-64 s = 0.5 s.
            ("GPSTimeStamp", .time(seconds: 3_800_000_000, fraction: 1 << 63)), ("iDASVersion", .text("9.9")),
        ]
        properties.removeAll { drop.contains($0.0) || extra.map(\.0).contains($0.0) }
        return File.Object(path: "/", properties: properties + extra)
    }

    /// `channels` × `samples` distinct values, some negative, exact in every type from int16 up.
    static func values(channels: Int, samples: Range<Int>) -> [[Double]] {
        (0..<channels).map { k in samples.map { s in Double((k + 1) * 1000 - s * 77) } }
    }

    static func slice(_ channels: [[Double]], _ range: Range<Int>) -> [[Double]] { channels.map { Array($0[range]) } }

    /// Channel objects of the group with `count` values of `type` per chunk.
    static func channels(_ names: [String], _ type: UInt32, count: UInt64) -> [File.Object] {
        names.map { File.Object(path: channel($0), index: .values(type: type, count: count)) }
    }

    static func numbered(_ n: Int) -> [String] { (0..<n).map(String.init) }

    /// `channels` flattened in row order and converted to `T`.
    static func flat<T: BinaryInteger>(_ channels: [[Double]], as type: T.Type) -> [T] {
        channels.flatMap { $0.map { T(Int64($0)) } }
    }

    static func open(_ segments: [File.Segment], _ folder: TemporaryFolder, _ name: String = "f.tdms") throws
        -> TDMSReader
    {
        try TDMSReader(path: TDMSSamples.write(File.bytes(segments), name, in: folder))
    }

    @Test("several segments: appended chunks, raw-data-only segments, incremental and new object lists")
    func severalSegments() throws {
        let folder = try TemporaryFolder()
        let names = ["a", "b", "c"]
        let all = Self.values(channels: 3, samples: 0..<21)
        func raw(_ r: Range<Int>) -> [UInt8] { File.raw(Self.slice(all, r), type: File.int32, interleaved: false) }
        let segments = [
            // Two chunks of 4 values per channel in one segment: a writer appended data without new metadata.
            File.Segment(objects: [Self.silixaRoot(), File.Object(path: Self.group)]
                            + Self.channels(names, File.int32, count: 4),
                         raw: raw(0..<4) + raw(4..<8)),
            // No metadata: the previous segment's objects and indices hold.
            File.Segment(objects: nil, raw: raw(8..<12)),
            // Metadata without a new object list: 'b' keeps its index (0 = as before), the rate changes.
            File.Segment(objects: [Self.silixaRoot([("SamplingFrequency[Hz]", .f64(2000))]),
                                   File.Object(path: Self.channel("b"), index: .same,
                                               properties: [("unit_string", .text("nm"))])],
                         newObjectList: false, raw: raw(12..<16)),
            // A new object list with new indices: 5 values per channel.
            File.Segment(objects: Self.channels(names, File.int32, count: 5), raw: raw(16..<21)),
        ]
        let reader = try Self.open(segments, folder)
        let m = reader.metadata
        #expect(m.channelCount == 3 && m.sampleCount == 21 && m.format == "Silixa iDAS TDMS")
        #expect(m.samplingRateHz == 2000, "a later segment's property value wins")
        #expect(m.channelPositions == [10, 11.5, 13] && m.storedType == .int32)
        #expect(m.startTimeNs == 1_717_155_200_500_000_000 && m.vendor == "Silixa iDAS 9.9")
        #expect(reader.channelNames == names)
        #expect(try TDMSSamples.readAll(reader, as: Double.self).values == all.flatMap { $0 })
        #expect(try TDMSSamples.readAll(reader, as: Int32.self).values == all.flatMap { $0.map { Int32($0) } })
        for range in [3..<19, 8..<12, 7..<9, 20..<21, 15..<17] {
            #expect(try reader.read(samples: range, as: Double.self).values == Self.slice(all, range).flatMap { $0 },
                    "samples \(range)")
        }
    }

    @Test("interleaved rows, contiguous and interleaved segments mixed, rows that are not whole chunks")
    func interleaved() throws {
        let folder = try TemporaryFolder()
        let all = (0..<4).map { k in (0..<17).map { s in Double(s) * 0.5 - Double(k) * 0.25 } }
        let channels = Self.channels(Self.numbered(4), File.float32, count: 6)
        let segments = [
            File.Segment(objects: [Self.silixaRoot(), File.Object(path: Self.group)] + channels, interleaved: true,
                         raw: File.raw(Self.slice(all, 0..<6), type: File.float32, interleaved: true)),
            File.Segment(objects: nil, interleaved: false,
                         raw: File.raw(Self.slice(all, 6..<12), type: File.float32, interleaved: false)),
            // 5 rows with 2 values per chunk: interleaved rows simply follow each other (Silixa declares 30000 rows
            // in chunks of 216).
            File.Segment(objects: (0..<4).map {
                             File.Object(path: Self.channel("\($0)"), index: .values(type: File.float32, count: 2))
                         }, newObjectList: false, interleaved: true,
                         raw: File.raw(Self.slice(all, 12..<17), type: File.float32, interleaved: true)),
        ]
        let reader = try Self.open(segments, folder)
        #expect(reader.metadata.sampleCount == 17 && reader.metadata.storedType == .float32)
        #expect(try TDMSSamples.readAll(reader, as: Float.self).values == all.flatMap { $0.map { Float($0) } })
        for range in [0..<17, 2..<5, 4..<14, 11..<13, 16..<17] {
            #expect(try reader.read(samples: range, as: Double.self).values == Self.slice(all, range).flatMap { $0 },
                    "samples \(range)")
        }
    }

    /// Values that reach each type's extremes, exact as Double.
    static func extremes(_ type: UInt32) -> [Double] {
        switch type {
        case File.int8: return [-128, 127, -1, 0, 1, 42, -77]
        case File.int16: return [-32768, 32767, -1, 0, 1, 1234, -4321]
        case File.int32: return [-2_147_483_648, 2_147_483_647, -1, 0, 1, 123_456, -654_321]
        case File.int64: return [-0x1p62, 0x1p62, -1, 0, 1, 0x1p53, -0x1p53]
        case File.uint8: return [0, 255, 1, 2, 128, 42, 77]
        case File.uint16: return [0, 65535, 1, 2, 32768, 1234, 4321]
        case File.uint32: return [0, 4_294_967_295, 1, 2, 2_147_483_648, 123_456, 654_321]
        case File.uint64: return [0, 0x1p63, 1, 2, 0x1p53, 123_456, 654_321]
        case File.float32:
            return [-1.5, 3.25, 0, Double(Float.greatestFiniteMagnitude), Double(Float(0.1)), -7, Double(Float(1e-3))]
        default: return [-1.5, 3.25, 0, 1e-300, 1e300, .pi, -7]
        }
    }

    @Test("every integer and float type, little- and big-endian, contiguous and interleaved",
          arguments: TDMSTestFile.numericTypes)
    func typesAndByteOrders(type: UInt32) throws {
        let folder = try TemporaryFolder()
        let pattern = Self.extremes(type)
        let all = (0..<3).map { k in (0..<7).map { pattern[($0 + k) % 7] } }
        for bigEndian in [false, true] {
            for interleaved in [false, true] {
                let segments = [File.Segment(
                    objects: [Self.silixaRoot(), File.Object(path: Self.group)]
                        + (0..<3).map { File.Object(path: Self.channel("\($0)"), index: .values(type: type, count: 7)) },
                    interleaved: interleaved, bigEndian: bigEndian,
                    raw: File.raw(all, type: type, interleaved: interleaved, bigEndian: bigEndian))]
                let label = "type \(type), \(bigEndian ? "big" : "little")-endian, "
                    + (interleaved ? "interleaved" : "contiguous")
                let reader = try Self.open(segments, folder, "t\(type)-\(bigEndian)-\(interleaved).tdms")
                #expect(try TDMSSamples.readAll(reader, as: Double.self).values == all.flatMap { $0 }, "\(label)")
                // The time stamp is one 128-bit number in the segment's byte order: seconds first when big-endian.
                #expect(reader.metadata.startTimeNs == 1_717_155_200_500_000_000, "\(label)")
                switch reader.metadata.storedType {
                case .int16?:
                    #expect(try TDMSSamples.readAll(reader, as: Int16.self).values == Self.flat(all, as: Int16.self))
                case .int32?:
                    #expect(try TDMSSamples.readAll(reader, as: Int32.self).values == Self.flat(all, as: Int32.self))
                case .float32?:
                    let floats = all.flatMap { $0.map { Float($0) } }
                    #expect(try TDMSSamples.readAll(reader, as: Float.self).values == floats)
                case .float64?, nil: break
                }
                let expectedStored: [UInt32: ElementType] = [File.int16: .int16, File.int32: .int32,
                                                             File.float32: .float32, File.float64: .float64]
                #expect(reader.metadata.storedType == expectedStored[type], "\(label)")
            }
        }
        // Each segment has its own byte order: a little-endian segment followed by a big-endian one.
        let mixed = [
            File.Segment(objects: [Self.silixaRoot(), File.Object(path: Self.group)]
                            + Self.channels(Self.numbered(3), type, count: 3),
                         raw: File.raw(Self.slice(all, 0..<3), type: type, interleaved: false)),
            File.Segment(objects: nil, bigEndian: true,
                         raw: File.raw(Self.slice(all, 3..<6), type: type, interleaved: false, bigEndian: true)),
        ]
        #expect(try TDMSSamples.readAll(try Self.open(mixed, folder, "mixed.tdms"), as: Double.self).values
            == Self.slice(all, 0..<6).flatMap { $0 })
    }

    static func oneSegment(_ root: File.Object, channels: Int = 2, samples: Int = 3) -> [File.Segment] {
        let data = values(channels: channels, samples: 0..<samples)
        return [File.Segment(objects: [root, File.Object(path: group)]
                                 + Self.channels(numbered(channels), File.int16, count: UInt64(samples)),
                             raw: File.raw(data, type: File.int16, interleaved: false))]
    }

    @Test("time stamps: seconds since 1904 plus 2^-64 s fractions to the nearest ns; zero GPS time; text stamps")
    func timeStamps() throws {
        let folder = try TemporaryFolder()
        func start(_ stamps: [(String, File.Property)]) throws -> Int64 {
            try Self.open(Self.oneSegment(Self.silixaRoot(stamps)), folder).metadata.startTimeNs
        }
        let epoch1970: Int64 = 2_082_844_800
        #expect(try start([("GPSTimeStamp", .time(seconds: epoch1970, fraction: 1))]) == 0)  // 5e-20 s rounds to 0
        #expect(try start([("GPSTimeStamp", .time(seconds: epoch1970, fraction: UInt64.max))]) == 1_000_000_000)
        #expect(try start([("GPSTimeStamp", .time(seconds: epoch1970 + 1, fraction: 1 << 62))]) == 1_250_000_000)
        #expect(try start([("GPSTimeStamp", .time(seconds: 0, fraction: 1 << 61))])
            == -epoch1970 * 1_000_000_000 + 125_000_000)  // 1904-01-01T00:00:00.125Z
        // LabVIEW's zero time stamp means "no GPS time": the CPU time is used, as in the HDF5 sibling.
        #expect(try start([("GPSTimeStamp", .time(seconds: 0, fraction: 0)),
                           ("CPUTimeStamp", .time(seconds: epoch1970 + 7, fraction: 0))]) == 7_000_000_000)
        // The HDF5 sibling's text form (day first).
        #expect(try start([("GPSTimeStamp", .text("15/04/2019 03:33:35.812 (UTC)"))]) == 1_555_299_215_812_000_000)
        let noTime = try TDMSSamples.write(File.bytes(Self.oneSegment(Self.silixaRoot(drop: ["GPSTimeStamp"]))),
                                           "no-time.tdms", in: folder)
        #expect(TDMSSamples.refusal(noTime)?.contains("no usable GPSTimeStamp or CPUTimeStamp") == true)
    }

    @Test("interrupted writes: complete rows and chunks are read and the loss is described; garbage is refused")
    func interruptedWrites() throws {
        let folder = try TemporaryFolder()
        let all = Self.values(channels: 2, samples: 0..<8)
        let objects = [Self.silixaRoot(), File.Object(path: Self.group)]
            + (0..<2).map { File.Object(path: Self.channel("\($0)"), index: .values(type: File.int16, count: 4)) }
        // Length never written (0xFF…), raw data ending 3 bytes into a row.
        var crashed = File.Segment(objects: objects, interleaved: true,
                                   raw: File.raw(Self.slice(all, 0..<5), type: File.int16, interleaved: true) + [1, 2, 3],
                                   declaredLength: UInt64.max)
        var reader = try Self.open([crashed], folder, "crashed.tdms")
        #expect(reader.metadata.sampleCount == 5)
        #expect(reader.metadata.format == "Silixa iDAS TDMS; incomplete last segment: its length was never written "
            + "(recording interrupted); its 5 complete samples are read, 3 bytes of a partial sample dropped")
        #expect(try TDMSSamples.readAll(reader, as: Int16.self).values == Self.flat(Self.slice(all, 0..<5), as: Int16.self))
        crashed.raw.removeLast(3)
        let whole = try Self.open([crashed], folder, "crashed-whole.tdms")
        #expect(whole.metadata.format.hasSuffix("its 5 complete samples are read"))

        // Contiguous: a second segment declared as 3 chunks holds 1 chunk and 6 bytes; only whole chunks are read.
        let chunk = { (r: Range<Int>) in File.raw(Self.slice(all, r), type: File.int16, interleaved: false) }
        let first = File.Segment(objects: objects, raw: chunk(0..<4))
        let cutChunk = File.Segment(objects: nil, raw: chunk(4..<8) + [9, 9, 9, 9, 9, 9], declaredLength: 3 * 16)
        reader = try Self.open([first, cutChunk], folder, "cut-chunk.tdms")
        #expect(reader.metadata.sampleCount == 8)
        #expect(reader.metadata.format == "Silixa iDAS TDMS; incomplete last segment: 4 of the 12 samples its "
            + "lead-in declares are in the file, 6 bytes of a partial chunk dropped")
        #expect(try TDMSSamples.readAll(reader, as: Int16.self).values == all.flatMap { $0.map { Int16($0) } })

        // The file ends in the lead-in, or in the metadata, of a second segment: the first is read.
        let complete = File.bytes([first])
        let second = File.bytes([File.Segment(objects: objects, raw: chunk(4..<8))])
        for (cut, part) in [(6, "lead-in"), (40, "metadata")] {
            let path = try TDMSSamples.write(complete + second.prefix(cut), "cut-\(part).tdms", in: folder)
            let r = try TDMSReader(path: path)
            #expect(r.metadata.sampleCount == 4)
            #expect(r.metadata.format == "Silixa iDAS TDMS; the file ends inside the \(part) of segment 1 (byte "
                + "\(complete.count)): the 4 samples of the complete segments before it are read")
        }
        // Bytes that are not a lead-in after a complete segment, and a complete segment that is not whole chunks.
        let garbage = try TDMSSamples.write(complete + [UInt8](repeating: 0, count: 40), "garbage.tdms", in: folder)
        #expect(TDMSSamples.refusal(garbage)?.contains("segment 1 (at byte \(complete.count)) has no 'TDSm' tag") == true)
        let shortGarbage = try TDMSSamples.write(complete + Array("XYZ".utf8), "short-garbage.tdms", in: folder)
        #expect(TDMSSamples.refusal(shortGarbage)?.contains("3 bytes that are not the start of a TDMS lead-in") == true)
        let ragged = try TDMSSamples.write(File.bytes([File.Segment(objects: objects, raw: chunk(0..<4) + [0, 0])]),
                                           "ragged.tdms", in: folder)
        let why = TDMSSamples.refusal(ragged)
        #expect(why?.contains("18 bytes of raw data, not a whole number of the 16-byte chunks") == true)
    }

    @Test("refused: strings, DAQmx, several groups, unequal channels, mixed types, contradicting header, no rate")
    func refusals() throws {
        let folder = try TemporaryFolder()
        func check(_ segments: [File.Segment], sniffed: Bool, _ expected: String,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            let path = try TDMSSamples.write(File.bytes(segments), "r-\(UUID().uuidString.prefix(6)).tdms", in: folder)
            #expect(TDMSReader.sniff(path: path) == sniffed, sourceLocation: sourceLocation)
            let why = TDMSSamples.refusal(path)
            #expect(why?.contains(expected) == true, "\(why ?? "opened")", sourceLocation: sourceLocation)
            #expect(why?.hasPrefix(path + ": ") == true, sourceLocation: sourceLocation)
        }
        let root = Self.silixaRoot(), group = File.Object(path: Self.group)
        func segment(_ channels: [File.Object], raw: [UInt8] = [0, 0, 0, 0], toc: (inout File.Segment) -> Void = { _ in })
            -> [File.Segment]
        {
            var s = File.Segment(objects: [root, group] + channels, raw: raw)
            toc(&s)
            return [s]
        }
        let int16 = { (name: String, count: UInt64) in
            File.Object(path: Self.channel(name), index: .values(type: File.int16, count: count))
        }
        // A string channel: index length 28 (type, dimension, count, total bytes).
        var w = File.Writer(bigEndian: false)
        w.int(UInt32(28)); w.int(File.string); w.int(UInt32(1)); w.int(UInt64(2)); w.int(UInt64(2))
        try check(segment([File.Object(path: Self.channel("s"), index: .bytes(w.bytes))]), sniffed: true,
                  "stores /'Measurement'/'s' as string (type 0x20) values")
        try check(segment([File.Object(path: Self.channel("d"), index: .bytes([0x69, 0x12, 0, 0]))]), sniffed: true,
                  "as DAQmx raw data")
        try check(segment([int16("a", 2)], toc: { $0.daqmx = true }), sniffed: true, "holds DAQmx raw data")
        try check(segment([int16("a", 2)], toc: { $0.version = 4711 }), sniffed: true, "has TDMS version 4711")
        try check(segment([int16("a", 2)], toc: { $0.tag = "TDSh" }), sniffed: false, "it is a .tdms_index file")
        var w2 = File.Writer(bigEndian: false)
        w2.int(UInt32(20)); w2.int(File.int16); w2.int(UInt32(2)); w2.int(UInt64(1))
        try check(segment([File.Object(path: Self.channel("m"), index: .bytes(w2.bytes))]), sniffed: true,
                  "an array dimension of 2")
        // Not DAS records: left to other readers by sniff, refused by init with what differs.
        let otherGroup = File.Object(path: "/'Other'/'b'", index: .values(type: File.int16, count: 1))
        try check(segment([int16("a", 1), otherGroup]),
                  sniffed: false, "channels in 2 groups ('Measurement', 'Other')")
        // Channel 'b' joins in a second segment: the first holds values of 'a' only.
        try check(segment([int16("a", 1)], raw: [0, 0])
                    + [File.Segment(objects: [int16("b", 1)], newObjectList: false, raw: [0, 0, 0, 0])],
                  sniffed: false, "segment 0 holds values of 1 of the 2 channels (not /'Measurement'/'b')")
        try check(segment([int16("a", 1), int16("b", 3)], raw: [UInt8](repeating: 0, count: 8)), sniffed: false,
                  "different numbers of values (/'Measurement'/'a': 1, /'Measurement'/'b': 3)")
        try check(segment([int16("a", 1)] + Self.channels(["b"], File.int32, count: 1),
                          raw: [UInt8](repeating: 0, count: 6)),
                  sniffed: false, "channels of different data types")
        try check(segment([int16("a", 0)], raw: []), sniffed: false, "whose channels hold no values")
        try check([File.Segment(objects: nil, raw: [0, 0])], sniffed: true, "has no metadata, and no earlier segment")
        // Headers that contradict the data.
        let two = [int16("a", 1), int16("b", 1)]
        func withRoot(_ r: File.Object) -> [File.Segment] { [File.Segment(objects: [r, group] + two, raw: [0, 0, 0, 0])] }
        try check(withRoot(Self.silixaRoot([("MeasureLength[m]", .u32(3))])), sniffed: true,
                  "declares MeasureLength[m] 3.0 at SpatialResolution[m] 1.0, i.e. 3.0 channels, but holds 2")
        try check(withRoot(Self.silixaRoot([("Stop Distance (m)", .f64(10 + 1.5 * 5))])), sniffed: true,
                  "i.e. 6.0 channels, but holds 2")
        try check(withRoot(Self.silixaRoot(drop: ["SamplingFrequency[Hz]"])), sniffed: true,
                  "has no positive number property 'SamplingFrequency[Hz]'")
        // Consistent declarations are accepted.
        let fine = try TDMSSamples.write(File.bytes(withRoot(Self.silixaRoot([("MeasureLength[m]", .u32(2)),
                                                                              ("Stop Distance (m)", .f64(11.5))]))),
                                         "fine.tdms", in: folder)
        #expect(TDMSSamples.refusal(fine) == nil)
    }
}

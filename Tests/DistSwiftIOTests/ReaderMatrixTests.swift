import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Every reader against every sample file in ../shared/data, as DASCore's common-IO suite does it: each reader
/// accepts its own files (and opens them) and rejects every other file, including the other readers' files and the
/// files that are no DAS record at all. The expected reader of each file is stated here, from where the file comes
/// from (its name and folder), not asked of the registry.
@Suite("Readers × sample files", .enabled(if: TestPaths.sharedData != nil, "needs the sample data in ../shared/data"))
struct ReaderMatrixTests {
    /// The reader that owns a file, by its path under ../shared/data; nil: no reader may claim it.
    static func owner(_ path: String) -> (any RecordReader.Type)? {
        let name = (path as NSString).lastPathComponent
        if path.hasPrefix("segy/") {
            return name.hasSuffix(".sgy") ? SEGYReader.self : name.hasSuffix(".su") ? SeismicUnixReader.self : nil
        }
        let owners: [String: any RecordReader.Type] = [
            "FORGE_78-32_iDASv3-P11_UTC190428135038.sgy": SEGYReader.self,
            "ap_sensing_1.hdf5": APSensingReader.self,
            "decimated_optodas.hdf5": OptoDASReader.self,
            "deformation_rate_event_1.hdf5": DASDAEReader.self,
            "h5_simple_1.h5": H5SimpleReader.self,
            "h5_simple_2.h5": H5SimpleReader.self,
            "prodml_2.0.h5": PRODMLReader.self,
            "sample_tdms_file_v4713.tdms": TDMSReader.self,
            "silixa_h5_1.hdf5": SilixaH5Reader.self,
            "terra15_v5_test_file.hdf5": Terra15Reader.self,
            "valencia_febus_example.h5": FebusReader.self,
            // prodml_fbe_1.h5 holds frequency-band energies, not a raw record: nobody's.
        ]
        return owners[name]
    }

    /// Files their reader claims and then refuses, with a phrase of the message: segyio's `.su` files state no
    /// sample interval (dt = 0), which SU, without a binary header, cannot do without.
    static let refusals: [String: String] = [
        "segy/small.su": "states no sample interval", "segy/small-lsb.su": "states no sample interval",
    ]

    static let files: [String] = {
        guard let root = TestPaths.sharedData,
              let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        return walker.compactMap { $0 as? String }.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }()

    @Test("the sample data holds files of most readers and files of none")
    func coverage() {
        let owned = Set(Self.files.compactMap { Self.owner($0).map { ObjectIdentifier($0) } })
        // All but the layouts without a sample file: distpy's simple layout, and those whose files
        // Tests/reference/layout_files.py writes (LayoutIngestTests).
        let withoutSample: [any RecordReader.Type] = [
            DistpySimpleReader.self, GDRReader.self, NeubrexReader.self, OptaSensePRODMLReader.self,
            SintelaONYXReader.self, OptaSenseODH4Reader.self, AragonHDASReader.self, SilixaCarinaReader.self, XdasNetCDFReader.self, MiniSEEDReader.self,
            // SeismicUnixReader's sample files (segyio's .su) are refused for their dt = 0, and counted as owned.
        ]
        #expect(owned.count == RecordFormats.all.count - withoutSample.count)
        #expect(Self.files.contains { Self.owner($0) == nil })
    }

    @Test("each reader sniffs its own files and no other", arguments: files)
    func sniff(_ file: String) {
        let path = TestPaths.sharedData! + "/" + file
        let owner = Self.owner(file).map { ObjectIdentifier($0) }
        for reader in RecordFormats.all {
            let claims = reader.sniff(path: path)
            #expect(claims == (ObjectIdentifier(reader) == owner),
                    "\(reader.formatName) \(claims ? "claims" : "does not claim") \(file)")
        }
    }

    @Test("the registry opens a file with its owner, and refuses a file nobody owns", arguments: files)
    func open(_ file: String) throws {
        let path = TestPaths.sharedData! + "/" + file
        if let phrase = Self.refusals[file] {
            #expect { _ = try RecordFormats.open(path) } throws: { error in
                (error as? RecordError).map { "\($0)".contains(phrase) } ?? false
            }
        } else if let owner = Self.owner(file) {
            let source = try RecordFormats.open(path)
            #expect(ObjectIdentifier(type(of: source)) == ObjectIdentifier(owner))
            #expect(source.metadata.channelCount > 0 && source.metadata.sampleCount > 0)
        } else {
            #expect(throws: RecordError.self) { _ = try RecordFormats.open(path) }
        }
    }
}

import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("HDF5 wrapper")
struct HDF5Tests {
    @Test("a written file reads back through the wrapper and through h5py")
    func roundTripAgainstH5py() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("das.h5")
        let rows = 300, columns = 40
        let values = (0..<(rows * columns)).map { Float($0 % 977) * 0.25 - 50 }
        do {
            let file = try HDF5File.create(path)
            let dataset = try file.createDataset("Acquisition/Raw[0]/RawData", of: Float.self, shape: [rows, columns],
                                                 chunks: [64, columns], deflateLevel: 4)
            try dataset.write(values)
            try dataset.attributes().set("Dimensions", string: "time, locus")
            try file.attributes(of: "/").set("OutputDataRate", [Double(500)])
            try file.attributes(of: "/").set("Counts", [Int32(1), 2, 3])
        }
        let file = try HDF5File.open(path)
        #expect(HDF5File.isHDF5(path))
        #expect(file.exists("/Acquisition/Raw[0]/RawData"))
        #expect(!file.exists("/Acquisition/Raw[1]/RawData"))
        #expect(try file.members(of: "/Acquisition").map(\.name) == ["Raw[0]"])
        let dataset = try file.dataset("/Acquisition/Raw[0]/RawData")
        #expect(try dataset.shape() == [rows, columns])
        #expect(try dataset.chunkShape() == [64, columns])
        #expect(try dataset.elementKind() == .float(bytes: 4, order: .little))
        #expect(try dataset.read(as: Float.self) == values)
        // A hyperslab: rows 100..<103, columns 5..<9, converted to Double by HDF5.
        let slab = try dataset.read(as: Double.self, offset: [100, 5], count: [3, 4])
        let expected = (100..<103).flatMap { r in (5..<9).map { c in Double(values[r * columns + c]) } }
        #expect(slab == expected)
        #expect(try dataset.attributes().strings("Dimensions") == ["time, locus"])
        #expect(try file.attributes(of: "/").numbers("OutputDataRate", as: Double.self) == [500])
        #expect(try file.attributes(of: "/").numbers("Counts", as: Int64.self) == [1, 2, 3])

        guard PythonReference.hasH5py else { return }
        let out = try PythonReference.check("""
            import sys, h5py, numpy as np
            f = h5py.File(sys.argv[1], 'r')
            d = f['/Acquisition/Raw[0]/RawData']
            expected = ((np.arange(\(rows * columns)) % 977) * 0.25 - 50).astype(np.float32).reshape(\(rows), \(columns))
            assert d.dtype == np.float32 and d.shape == (\(rows), \(columns)) and d.chunks == (64, \(columns))
            assert d.compression == 'gzip'
            assert np.array_equal(d[...], expected)
            dims = d.attrs['Dimensions']; dims = dims.decode() if isinstance(dims, bytes) else dims
            assert dims == 'time, locus', dims
            assert f.attrs['OutputDataRate'] == 500.0 and list(f.attrs['Counts']) == [1, 2, 3]
            print('ok')
            """, arguments: [path])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("fixed-length string attributes and data sets written by h5py are read", .enabled(if: PythonReference.hasH5py, "needs python3 with h5py (scripts/setup.sh installs it)"))
    func stringsWrittenByH5py() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("strings.h5")
        try PythonReference.check("""
            import sys, h5py, numpy as np
            with h5py.File(sys.argv[1], 'w') as f:
                f.attrs['fixed'] = np.bytes_('Silixa iDAS   ')
                f.attrs['vlen'] = 'PRODML 2.1'
                f['names'] = np.array([b'abc', b'de'], dtype='S5')
            """, arguments: [path])
        let file = try HDF5File.open(path)
        let attributes = try file.attributes(of: "/")
        #expect(Set(attributes.names()) == ["fixed", "vlen"])
        #expect(try attributes.strings("fixed") == ["Silixa iDAS"])
        #expect(try attributes.strings("vlen") == ["PRODML 2.1"])
        #expect(try attributes.kind(of: "vlen") == .string)
        #expect(try file.dataset("/names").readStrings() == ["abc", "de"])
    }

    @Test("a missing file or data set gives an error naming it")
    func errorsNameTheObject() throws {
        #expect(throws: NativeError.self) { try HDF5File.open("/nonexistent/file.h5") }
        let folder = try TemporaryFolder()
        let path = folder.file("empty.h5")
        _ = try HDF5File.create(path)
        let file = try HDF5File.open(path)
        do {
            _ = try file.dataset("/nope")
            Issue.record("opening a missing data set did not throw")
        } catch let error as NativeError {
            #expect(error.description.contains("/nope"))
            #expect(error.description.contains(path))
        }
    }
}

import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

/// NPY files checked against numpy itself, in both directions.
@Suite("NPY against numpy")
struct NPYNumpyTests {
    static let dtypes = ["<f4", ">f4", "<f8", ">f8", "<i2", ">i2", "<i4", ">i4"]

    @Test("files numpy writes are read exactly", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"), arguments: dtypes)
    func readNumpyFiles(descr: String) throws {
        let folder = try TemporaryFolder()
        // numpy writes a 2-D C-order array, a Fortran-order one, a 1-D one and an (n, 1) column; the values
        // come back as text so the comparison does not depend on our reader.
        let out = try PythonReference.check("""
            import sys, numpy as np
            d = np.dtype(sys.argv[2])
            a = (np.arange(7 * 13).reshape(7, 13) * 37 % 1001 - 500).astype(d)
            np.save(sys.argv[1] + '/c.npy', a)
            np.save(sys.argv[1] + '/f.npy', np.asfortranarray(a))
            np.save(sys.argv[1] + '/v.npy', a[2])
            np.save(sys.argv[1] + '/col.npy', a[:, :1])
            print(' '.join(repr(float(x)) for x in a.ravel()))
            """, arguments: [folder.path, descr])
        let expected = out.split(separator: " ").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        let location = LocalStorage(root: folder.path)

        let c = try NPYArrayFile(location: location, path: "c.npy")
        #expect(c.header.descr == descr)
        #expect(c.header.shape == [7, 13])
        #expect(try c.read(as: Double.self).values == expected)
        #expect(try c.readRows(2..<5, as: Double.self).values == Array(expected[(2 * 13)..<(5 * 13)]))

        let f = try NPYArrayFile(location: location, path: "f.npy")
        #expect(f.header.fortranOrder)
        #expect(try f.read(as: Double.self).values == expected)
        #expect(try f.readRows(3..<6, as: Double.self).values == Array(expected[(3 * 13)..<(6 * 13)]))

        let v = try NPYArrayFile(location: location, path: "v.npy")
        #expect(v.header.shape == [13])
        #expect(try v.readVector(as: Double.self) == Array(expected[26..<39]))
        let col = try NPYArrayFile(location: location, path: "col.npy")
        #expect(try col.readVector(as: Double.self) == (0..<7).map { expected[$0 * 13] })
    }

    @Test("files distswift writes are read by numpy exactly, in both byte orders", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func numpyReadsOurFiles() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let rows = 5, columns = 9
        let base = (0..<(rows * columns)).map { Double(($0 * 37) % 1001 - 500) }
        for order in [ByteOrder.little, .big] {
            let suffix = order == .little ? "le" : "be"
            try NPYWriter.write(Array2D(rows: rows, columns: columns, values: base.map { Float($0) / 8 }),
                                to: location, path: "f4_\(suffix).npy", byteOrder: order)
            try NPYWriter.write(Array2D(rows: rows, columns: columns, values: base.map { $0 / 3 }),
                                to: location, path: "f8_\(suffix).npy", byteOrder: order)
            try NPYWriter.write(Array2D(rows: rows, columns: columns, values: base.map { Int16($0) }),
                                to: location, path: "i2_\(suffix).npy", byteOrder: order)
            try NPYWriter.write(Array2D(rows: rows, columns: columns, values: base.map { Int32($0) * 100_000 }),
                                to: location, path: "i4_\(suffix).npy", byteOrder: order)
            try NPYWriter.write(vector: [1.5, 2.5, 3.5], to: location, path: "vec_\(suffix).npy", byteOrder: order)
        }
        let out = try PythonReference.check("""
            import sys, numpy as np
            base = (np.arange(5 * 9).reshape(5, 9) * 37 % 1001 - 500).astype(np.float64)
            expect = {'f4': (base.astype(np.float32) / 8, np.float32), 'f8': (base / 3, np.float64),
                      'i2': (base.astype(np.int16), np.int16), 'i4': (base.astype(np.int32) * 100000, np.int32)}
            for order, mark in (('le', '<'), ('be', '>')):
                for kind, (values, t) in expect.items():
                    a = np.load(f'{sys.argv[1]}/{kind}_{order}.npy')
                    assert a.dtype == np.dtype(mark + kind), (kind, order, a.dtype)
                    assert a.shape == (5, 9) and a.flags['C_CONTIGUOUS']
                    assert np.array_equal(a, values.astype(t)), (kind, order)
                v = np.load(f'{sys.argv[1]}/vec_{order}.npy')
                assert v.shape == (3,) and list(v) == [1.5, 2.5, 3.5]
            print('ok')
            """, arguments: [folder.path])
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
    }

    @Test("the header bytes equal numpy's own header for the same array", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func headerBytesMatchNumpy() throws {
        for (descr, shape) in [("<f4", [256, 10000]), (">i2", [3]), ("<f8", [0, 5]), ("<i4", [2, 3, 4])] {
            let out = try PythonReference.check("""
                import sys, io, numpy as np
                from numpy.lib import format as fmt
                shape = tuple(int(x) for x in sys.argv[2].split(',')) if sys.argv[2] else ()
                b = io.BytesIO()
                fmt.write_array_header_1_0(b, {'descr': sys.argv[1], 'fortran_order': False, 'shape': shape})
                print(b.getvalue().hex())
                """, arguments: [descr, shape.map(String.init).joined(separator: ",")])
            let (order, type) = (descr.hasPrefix("<") ? ByteOrder.little : .big,
                                 ElementType(numpyKind: String(descr.dropFirst()))!)
            let ours = NPYHeader(elementType: type, byteOrder: order, shape: shape).encoded()
            #expect(ours.map { String(format: "%02x", $0) }.joined() == out.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(ours.count % 64 == 0)
        }
    }

    @Test("a version 2.0 header (as numpy writes for huge headers) is read", .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func version2Header() throws {
        let folder = try TemporaryFolder()
        try PythonReference.check("""
            import sys, numpy as np
            from numpy.lib import format as fmt
            a = np.arange(12, dtype='<f8').reshape(3, 4)
            with open(sys.argv[1] + '/v2.npy', 'wb') as f:
                fmt.write_array(f, a, version=(2, 0))
            """, arguments: [folder.path])
        let file = try NPYArrayFile(location: LocalStorage(root: folder.path), path: "v2.npy")
        #expect(try file.read(as: Double.self).values == (0..<12).map(Double.init))
    }
}

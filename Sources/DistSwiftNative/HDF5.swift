import CDistShims
import CHDF5

/// The element types distswift reads from and writes to HDF5 data sets and attributes.
public protocol HDF5Scalar: NativeScalar {
    /// The HDF5 in-memory type matching this Swift type.
    static var hdf5MemoryType: hid_t { get }
}
extension Float: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_FLOAT } }
extension Double: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_DOUBLE } }
extension Int8: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_INT8 } }
extension UInt8: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_UINT8 } }
extension Int16: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_INT16 } }
extension UInt16: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_UINT16 } }
extension Int32: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_INT32 } }
extension UInt32: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_UINT32 } }
extension Int64: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_INT64 } }
extension UInt64: HDF5Scalar { public static var hdf5MemoryType: hid_t { H5T_NATIVE_UINT64 } }

/// What an HDF5 data set or attribute stores, as far as distswift needs to know.
public enum HDF5ElementKind: Sendable, Equatable, CustomStringConvertible {
    case integer(bytes: Int, signed: Bool, order: ByteOrder)
    case float(bytes: Int, order: ByteOrder)
    case string
    case compound(fields: [String])
    case other(String)

    public var description: String {
        switch self {
        case .integer(let b, let s, let o): return "\(s ? "int" : "uint")\(b * 8) (\(o)-endian)"
        case .float(let b, let o): return "float\(b * 8) (\(o)-endian)"
        case .string: return "string"
        case .compound(let f): return "compound {\(f.joined(separator: ", "))}"
        case .other(let s): return s
        }
    }
}

/// A member of an HDF5 group.
public struct HDF5Member: Sendable, Equatable {
    public enum Kind: Sendable { case group, dataset, other }
    public let name: String
    public let kind: Kind
}

/// An HDF5 identifier that closes itself. Every HDF5 call in distswift goes through this file.
final class HDF5Handle: @unchecked Sendable {
    let id: hid_t
    private let closer: (hid_t) -> herr_t

    init(_ id: hid_t, what: String, path: String, closer: @escaping (hid_t) -> herr_t) throws {
        guard id >= 0 else { throw NativeError("HDF5 \(what)", path: path, detail: HDF5.lastErrorMessage()) }
        self.id = id
        self.closer = closer
    }

    deinit { _ = closer(id) }
}

/// Namespace for HDF5 error handling shared by the wrappers.
enum HDF5 {
    /// HDF5 prints its error stack to stderr by default; distswift reports errors itself. The error stack is per
    /// thread in Debian's thread-safe build, so this runs at every entry point.
    static func silence() { _ = dist_h5_silence_errors() }

    static func lastErrorMessage() -> String {
        var messages: [String] = []
        withUnsafeMutablePointer(to: &messages) { pointer in
            _ = H5Ewalk2(H5E_DEFAULT_ID, H5E_WALK_DOWNWARD, { _, error, context in
                guard let error, let context else { return 0 }
                let list = context.assumingMemoryBound(to: [String].self)
                if let desc = error.pointee.desc { list.pointee.append(String(cString: desc)) }
                return 0
            }, pointer)
        }
        return messages.isEmpty ? "HDF5 reported an error" : messages.joined(separator: "; ")
    }
}

/// An HDF5 file opened for reading, or created for writing.
public final class HDF5File: @unchecked Sendable {
    public let path: String
    let handle: HDF5Handle

    private init(path: String, handle: HDF5Handle) {
        self.path = path
        self.handle = handle
    }

    /// True when the file starts with the HDF5 signature (cheap; does not open the file with HDF5).
    public static func isHDF5(_ path: String) -> Bool {
        HDF5.silence()
        return H5Fis_hdf5(path) > 0
    }

    public static func open(_ path: String) throws -> HDF5File {
        HDF5.silence()
        let access = try unlockedAccess(path)
        let id = H5Fopen(path, H5F_ACC_RDONLY, access.id)
        return HDF5File(path: path, handle: try HDF5Handle(id, what: "open", path: path, closer: H5Fclose))
    }

    public static func create(_ path: String) throws -> HDF5File {
        HDF5.silence()
        let access = try unlockedAccess(path)
        let id = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT_ID, access.id)
        return HDF5File(path: path, handle: try HDF5Handle(id, what: "create", path: path, closer: H5Fclose))
    }

    /// File access without HDF5's own flock: distswift only reads finished files and writes new ones under a private
    /// temporary name, so the lock protects nothing here, while concurrent readers in worker processes and tests
    /// sporadically failed with "unable to lock file, errno 11" when a lock was still held by another process.
    private static func unlockedAccess(_ path: String) throws -> HDF5Handle {
        let access = try HDF5Handle(H5Pcreate(H5P_FILE_ACCESS), what: "create file access list", path: path,
                                    closer: H5Pclose)
        H5Pset_file_locking(access.id, false, true)
        return access
    }

    /// Writes buffered data to disk; the file stays open.
    public func flush() throws {
        if H5Fflush(handle.id, H5F_SCOPE_GLOBAL) < 0 {
            throw NativeError("HDF5 flush", path: path, detail: HDF5.lastErrorMessage())
        }
    }

    /// True when an object exists at `objectPath` (every intermediate group must exist too).
    public func exists(_ objectPath: String) -> Bool {
        HDF5.silence()
        var prefix = ""
        for part in objectPath.split(separator: "/") {
            prefix += "/" + part
            if H5Lexists(handle.id, prefix, H5P_DEFAULT_ID) <= 0 { return false }
        }
        return true
    }

    /// The members of a group, in name order.
    public func members(of groupPath: String) throws -> [HDF5Member] {
        HDF5.silence()
        let group = try HDF5Handle(H5Gopen2(handle.id, groupPath, H5P_DEFAULT_ID), what: "open group \(groupPath)",
                                   path: path, closer: H5Gclose)
        var names: [String] = []
        var index: hsize_t = 0
        withUnsafeMutablePointer(to: &names) { pointer in
            _ = H5Literate(group.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, context in
                guard let name, let context else { return 0 }
                context.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                return 0
            }, pointer)
        }
        return names.map { name in
            var info = H5O_info_t()
            let kind: HDF5Member.Kind
            if H5Oget_info_by_name2(group.id, name, &info, UInt32(H5O_INFO_BASIC), H5P_DEFAULT_ID) < 0 {
                kind = .other
            } else if info.type == H5O_TYPE_GROUP {
                kind = .group
            } else if info.type == H5O_TYPE_DATASET {
                kind = .dataset
            } else {
                kind = .other
            }
            return HDF5Member(name: name, kind: kind)
        }
    }

    public func dataset(_ datasetPath: String) throws -> HDF5Dataset {
        HDF5.silence()
        let id = H5Dopen2(handle.id, datasetPath, H5P_DEFAULT_ID)
        let h = try HDF5Handle(id, what: "open data set \(datasetPath)", path: path, closer: H5Dclose)
        return HDF5Dataset(file: self, name: datasetPath, handle: h)
    }

    /// Creates a data set of `shape`, optionally chunked and deflate-compressed, creating intermediate groups.
    public func createDataset<T: HDF5Scalar>(
        _ datasetPath: String, of type: T.Type, shape: [Int], chunks: [Int]? = nil, deflateLevel: Int? = nil
    ) throws -> HDF5Dataset {
        HDF5.silence()
        var dims = shape.map { hsize_t($0) }
        let space = try HDF5Handle(H5Screate_simple(Int32(dims.count), &dims, nil), what: "create data space",
                                   path: path, closer: H5Sclose)
        let lcpl = try HDF5Handle(H5Pcreate(H5P_LINK_CREATE), what: "create property list", path: path,
                                  closer: H5Pclose)
        H5Pset_create_intermediate_group(lcpl.id, 1)
        let dcpl = try HDF5Handle(H5Pcreate(H5P_DATASET_CREATE), what: "create property list", path: path,
                                  closer: H5Pclose)
        if let chunks {
            var c = chunks.map { hsize_t($0) }
            H5Pset_chunk(dcpl.id, Int32(c.count), &c)
            if let deflateLevel { H5Pset_deflate(dcpl.id, UInt32(deflateLevel)) }
        }
        let id = H5Dcreate2(handle.id, datasetPath, T.hdf5MemoryType, space.id, lcpl.id, dcpl.id, H5P_DEFAULT_ID)
        let h = try HDF5Handle(id, what: "create data set \(datasetPath)", path: path, closer: H5Dclose)
        return HDF5Dataset(file: self, name: datasetPath, handle: h)
    }

    /// Creates a group (and its parents) if it does not exist yet.
    public func createGroup(_ groupPath: String) throws {
        HDF5.silence()
        if exists(groupPath) { return }
        let lcpl = try HDF5Handle(H5Pcreate(H5P_LINK_CREATE), what: "create property list", path: path,
                                  closer: H5Pclose)
        H5Pset_create_intermediate_group(lcpl.id, 1)
        _ = try HDF5Handle(H5Gcreate2(handle.id, groupPath, lcpl.id, H5P_DEFAULT_ID, H5P_DEFAULT_ID),
                           what: "create group \(groupPath)", path: path, closer: H5Gclose)
    }

    /// The attributes of the object at `objectPath` ("/" for the root group).
    public func attributes(of objectPath: String) throws -> HDF5Attributes {
        HDF5.silence()
        let id = H5Oopen(handle.id, objectPath, H5P_DEFAULT_ID)
        let h = try HDF5Handle(id, what: "open object \(objectPath)", path: path, closer: H5Oclose)
        return HDF5Attributes(filePath: path, objectPath: objectPath, object: h)
    }
}

/// An open HDF5 data set.
public struct HDF5Dataset: @unchecked Sendable {
    public let file: HDF5File
    public let name: String
    let handle: HDF5Handle

    public var path: String { file.path }

    /// The extent of each dimension.
    public func shape() throws -> [Int] {
        let space = try HDF5Handle(H5Dget_space(handle.id), what: "get data space of \(name)", path: path,
                                   closer: H5Sclose)
        let rank = Int(H5Sget_simple_extent_ndims(space.id))
        guard rank >= 0 else { throw NativeError("HDF5 data space of \(name)", path: path, detail: "invalid rank") }
        var dims = [hsize_t](repeating: 0, count: rank)
        H5Sget_simple_extent_dims(space.id, &dims, nil)
        return dims.map { Int($0) }
    }

    /// The HDF5 chunk shape, or nil for a contiguous data set.
    public func chunkShape() throws -> [Int]? {
        let plist = try HDF5Handle(H5Dget_create_plist(handle.id), what: "get creation list of \(name)",
                                   path: path, closer: H5Pclose)
        guard H5Pget_layout(plist.id) == H5D_CHUNKED else { return nil }
        let rank = try shape().count
        var dims = [hsize_t](repeating: 0, count: rank)
        H5Pget_chunk(plist.id, Int32(rank), &dims)
        return dims.map { Int($0) }
    }

    /// What the data set stores.
    public func elementKind() throws -> HDF5ElementKind {
        let type = try HDF5Handle(H5Dget_type(handle.id), what: "get type of \(name)", path: path, closer: H5Tclose)
        return HDF5Types.kind(of: type.id)
    }

    /// Reads the whole data set converted to `T` (HDF5 converts numeric types and byte order).
    public func read<T: HDF5Scalar>(as type: T.Type) throws -> [T] {
        let count = try shape().reduce(1, *)
        return try readSelection(as: type, count: count, fileSpace: H5S_ALL, memorySpace: H5S_ALL)
    }

    /// Reads the hyperslab starting at `offset` with extent `count` (row-major, converted to `T`).
    public func read<T: HDF5Scalar>(as type: T.Type, offset: [Int], count: [Int]) throws -> [T] {
        let (fileSpace, memorySpace) = try hyperslab(offset: offset, count: count)
        return try readSelection(as: type, count: count.reduce(1, *), fileSpace: fileSpace.id,
                                 memorySpace: memorySpace.id)
    }

    /// The file-space selection of a hyperslab and a matching contiguous memory space.
    private func hyperslab(offset: [Int], count: [Int]) throws -> (file: HDF5Handle, memory: HDF5Handle) {
        let fileSpace = try HDF5Handle(H5Dget_space(handle.id), what: "get data space of \(name)", path: path,
                                       closer: H5Sclose)
        var start = offset.map { hsize_t($0) }
        var extent = count.map { hsize_t($0) }
        if H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, &start, nil, &extent, nil) < 0 {
            throw NativeError("HDF5 select \(offset)+\(count) in \(name)", path: path,
                              detail: HDF5.lastErrorMessage())
        }
        let memorySpace = try HDF5Handle(H5Screate_simple(Int32(extent.count), &extent, nil),
                                         what: "create memory space", path: path, closer: H5Sclose)
        return (fileSpace, memorySpace)
    }

    private func readSelection<T: HDF5Scalar>(as type: T.Type, count: Int, fileSpace: hid_t, memorySpace: hid_t)
        throws -> [T]
    {
        HDF5.silence()
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = H5Dread(handle.id, T.hdf5MemoryType, memorySpace, fileSpace, H5P_DEFAULT_ID, buffer.baseAddress)
            initialized = status < 0 ? 0 : count
        }
        if status < 0 { throw NativeError("HDF5 read \(name)", path: path, detail: HDF5.lastErrorMessage()) }
        return values
    }

    /// Reads a data set of strings (fixed or variable length), e.g. a PRODML time stamp or an AP Sensing field.
    public func readStrings() throws -> [String] {
        let type = try HDF5Handle(H5Dget_type(handle.id), what: "get type of \(name)", path: path, closer: H5Tclose)
        let space = try HDF5Handle(H5Dget_space(handle.id), what: "get data space of \(name)", path: path,
                                   closer: H5Sclose)
        return try HDF5Types.readStrings(fileType: type.id, space: space.id, path: path, what: name) {
            memoryType, buffer in H5Dread(handle.id, memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT_ID, buffer)
        }
    }

    /// Writes the whole data set from row-major `values`.
    public func write<T: HDF5Scalar>(_ values: [T]) throws {
        HDF5.silence()
        let status = values.withUnsafeBufferPointer {
            H5Dwrite(handle.id, T.hdf5MemoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT_ID, $0.baseAddress)
        }
        if status < 0 { throw NativeError("HDF5 write \(name)", path: path, detail: HDF5.lastErrorMessage()) }
    }

    /// Writes row-major `values` into the hyperslab starting at `offset` with extent `count`, so a record larger
    /// than memory can be written piece by piece.
    public func write<T: HDF5Scalar>(_ values: [T], offset: [Int], count: [Int]) throws {
        HDF5.silence()
        precondition(values.count == count.reduce(1, *), "\(values.count) values do not fill \(count)")
        let (fileSpace, memorySpace) = try hyperslab(offset: offset, count: count)
        let status = values.withUnsafeBufferPointer {
            H5Dwrite(handle.id, T.hdf5MemoryType, memorySpace.id, fileSpace.id, H5P_DEFAULT_ID, $0.baseAddress)
        }
        if status < 0 { throw NativeError("HDF5 write \(name)", path: path, detail: HDF5.lastErrorMessage()) }
    }

    public func attributes() throws -> HDF5Attributes {
        try file.attributes(of: name)
    }
}

import CDistShims
import CHDF5

/// The attributes of one HDF5 object: names, typed reads, and writes.
public struct HDF5Attributes: @unchecked Sendable {
    public let filePath: String
    public let objectPath: String
    let object: HDF5Handle

    /// Attribute names in creation order where tracked, else name order.
    public func names() -> [String] {
        HDF5.silence()
        var names: [String] = []
        var index: hsize_t = 0
        withUnsafeMutablePointer(to: &names) { pointer in
            _ = H5Aiterate2(object.id, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, context in
                guard let name, let context else { return 0 }
                context.assumingMemoryBound(to: [String].self).pointee.append(String(cString: name))
                return 0
            }, pointer)
        }
        return names
    }

    public func contains(_ name: String) -> Bool {
        HDF5.silence()
        return H5Aexists(object.id, name) > 0
    }

    private func open(_ name: String) throws -> HDF5Handle {
        HDF5.silence()
        return try HDF5Handle(H5Aopen(object.id, name, H5P_DEFAULT_ID), what: "open attribute \(objectPath)@\(name)",
                              path: filePath, closer: H5Aclose)
    }

    /// What the attribute stores.
    public func kind(of name: String) throws -> HDF5ElementKind {
        let attribute = try open(name)
        let type = try HDF5Handle(H5Aget_type(attribute.id), what: "get attribute type", path: filePath,
                                  closer: H5Tclose)
        return HDF5Types.kind(of: type.id)
    }

    /// Reads a numeric attribute (any element count) converted to `T`.
    public func numbers<T: HDF5Scalar>(_ name: String, as type: T.Type) throws -> [T] {
        let attribute = try open(name)
        let space = try HDF5Handle(H5Aget_space(attribute.id), what: "get attribute space", path: filePath,
                                   closer: H5Sclose)
        let count = max(1, Int(H5Sget_simple_extent_npoints(space.id)))
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = H5Aread(attribute.id, T.hdf5MemoryType, buffer.baseAddress)
            initialized = status < 0 ? 0 : count
        }
        if status < 0 {
            throw NativeError("HDF5 read attribute \(objectPath)@\(name) as a number", path: filePath,
                              detail: HDF5.lastErrorMessage())
        }
        return values
    }

    /// Reads a string attribute (fixed or variable length; all elements).
    public func strings(_ name: String) throws -> [String] {
        let attribute = try open(name)
        let type = try HDF5Handle(H5Aget_type(attribute.id), what: "get attribute type", path: filePath,
                                  closer: H5Tclose)
        let space = try HDF5Handle(H5Aget_space(attribute.id), what: "get attribute space", path: filePath,
                                   closer: H5Sclose)
        return try HDF5Types.readStrings(fileType: type.id, space: space.id, path: filePath,
                                         what: "\(objectPath)@\(name)") { memoryType, buffer in
            H5Aread(attribute.id, memoryType, buffer)
        }
    }

    /// Writes (or replaces) a numeric attribute; a single value is stored as a scalar.
    public func set<T: HDF5Scalar>(_ name: String, _ values: [T]) throws {
        HDF5.silence()
        if contains(name) { H5Adelete(object.id, name) }
        let space: HDF5Handle
        if values.count == 1 {
            space = try HDF5Handle(H5Screate(H5S_SCALAR), what: "create scalar space", path: filePath,
                                   closer: H5Sclose)
        } else {
            var dims = [hsize_t(values.count)]
            space = try HDF5Handle(H5Screate_simple(1, &dims, nil), what: "create space", path: filePath,
                                   closer: H5Sclose)
        }
        let attribute = try HDF5Handle(
            H5Acreate2(object.id, name, T.hdf5MemoryType, space.id, H5P_DEFAULT_ID, H5P_DEFAULT_ID),
            what: "create attribute \(objectPath)@\(name)", path: filePath, closer: H5Aclose)
        let status = values.withUnsafeBufferPointer { H5Awrite(attribute.id, T.hdf5MemoryType, $0.baseAddress) }
        if status < 0 {
            throw NativeError("HDF5 write attribute \(objectPath)@\(name)", path: filePath,
                              detail: HDF5.lastErrorMessage())
        }
    }

    /// Writes (or replaces) a scalar variable-length UTF-8 string attribute.
    public func set(_ name: String, string: String) throws {
        HDF5.silence()
        if contains(name) { H5Adelete(object.id, name) }
        let type = try HDF5Handle(H5Tcopy(H5T_C_S1), what: "copy string type", path: filePath, closer: H5Tclose)
        H5Tset_size(type.id, H5T_VARIABLE)
        H5Tset_cset(type.id, H5T_CSET_UTF8)
        let space = try HDF5Handle(H5Screate(H5S_SCALAR), what: "create scalar space", path: filePath,
                                   closer: H5Sclose)
        let attribute = try HDF5Handle(
            H5Acreate2(object.id, name, type.id, space.id, H5P_DEFAULT_ID, H5P_DEFAULT_ID),
            what: "create attribute \(objectPath)@\(name)", path: filePath, closer: H5Aclose)
        let status = string.withCString { cString -> herr_t in
            var pointer: UnsafePointer<CChar>? = cString
            return H5Awrite(attribute.id, type.id, &pointer)
        }
        if status < 0 {
            throw NativeError("HDF5 write attribute \(objectPath)@\(name)", path: filePath,
                              detail: HDF5.lastErrorMessage())
        }
    }
}

extension HDF5Attributes {
    /// Writes (or replaces) an array of fixed-length ASCII strings, the form PRODML uses for `Dimensions`.
    public func set(_ name: String, strings: [String]) throws {
        HDF5.silence()
        if contains(name) { H5Adelete(object.id, name) }
        let width = max(1, strings.map { $0.utf8.count }.max() ?? 1)
        let type = try HDF5Handle(H5Tcopy(H5T_C_S1), what: "copy string type", path: filePath, closer: H5Tclose)
        H5Tset_size(type.id, width)
        H5Tset_strpad(type.id, H5T_STR_NULLPAD)
        var dims = [hsize_t(strings.count)]
        let space = try HDF5Handle(H5Screate_simple(1, &dims, nil), what: "create space", path: filePath,
                                   closer: H5Sclose)
        let attribute = try HDF5Handle(
            H5Acreate2(object.id, name, type.id, space.id, H5P_DEFAULT_ID, H5P_DEFAULT_ID),
            what: "create attribute \(objectPath)@\(name)", path: filePath, closer: H5Aclose)
        var bytes = [UInt8](repeating: 0, count: width * strings.count)
        for (i, s) in strings.enumerated() {
            for (j, b) in s.utf8.enumerated() { bytes[i * width + j] = b }
        }
        let status = bytes.withUnsafeBytes { H5Awrite(attribute.id, type.id, $0.baseAddress) }
        if status < 0 {
            throw NativeError("HDF5 write attribute \(objectPath)@\(name)", path: filePath,
                              detail: HDF5.lastErrorMessage())
        }
    }
}

/// Type inspection and string reads shared by data sets and attributes.
enum HDF5Types {
    static func kind(of type: hid_t) -> HDF5ElementKind {
        let size = Int(H5Tget_size(type))
        let order: ByteOrder = H5Tget_order(type) == H5T_ORDER_BE ? .big : .little
        switch H5Tget_class(type) {
        case H5T_INTEGER: return .integer(bytes: size, signed: H5Tget_sign(type) == H5T_SGN_2, order: order)
        case H5T_FLOAT: return .float(bytes: size, order: order)
        case H5T_STRING: return .string
        case H5T_COMPOUND:
            let count = max(0, Int(H5Tget_nmembers(type)))
            let fields = (0..<count).map { index -> String in
                guard let cName = H5Tget_member_name(type, UInt32(index)) else { return "?" }
                defer { H5free_memory(cName) }
                return String(cString: cName)
            }
            return .compound(fields: fields)
        default: return .other("HDF5 type class \(H5Tget_class(type).rawValue)")
        }
    }

    /// Reads strings of a fixed- or variable-length string type; `read` performs the H5Dread/H5Aread.
    static func readStrings(
        fileType: hid_t, space: hid_t, path: String, what: String,
        read: (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) throws -> [String] {
        HDF5.silence()
        guard H5Tget_class(fileType) == H5T_STRING else {
            throw NativeError("HDF5 read \(what) as text", path: path, detail: "it stores \(kind(of: fileType))")
        }
        let count = max(1, Int(H5Sget_simple_extent_npoints(space)))
        let memoryType = try HDF5Handle(H5Tcopy(H5T_C_S1), what: "copy string type", path: path, closer: H5Tclose)
        H5Tset_cset(memoryType.id, H5Tget_cset(fileType))  // a UTF-8 string read as ASCII fails to convert
        if H5Tis_variable_str(fileType) > 0 {
            H5Tset_size(memoryType.id, H5T_VARIABLE)
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            let status = pointers.withUnsafeMutableBytes { read(memoryType.id, $0.baseAddress!) }
            if status < 0 { throw NativeError("HDF5 read \(what)", path: path, detail: HDF5.lastErrorMessage()) }
            defer { for p in pointers { if let p { H5free_memory(p) } } }
            return pointers.map { $0.map { String(cString: $0) } ?? "" }
        }
        let size = Int(H5Tget_size(fileType))
        H5Tset_size(memoryType.id, size)
        H5Tset_strpad(memoryType.id, H5T_STR_NULLPAD)
        var bytes = [UInt8](repeating: 0, count: size * count)
        let status = bytes.withUnsafeMutableBytes { read(memoryType.id, $0.baseAddress!) }
        if status < 0 { throw NativeError("HDF5 read \(what)", path: path, detail: HDF5.lastErrorMessage()) }
        return (0..<count).map { index in
            let slice = bytes[(index * size)..<((index + 1) * size)]
            let trimmed = slice.prefix { $0 != 0 }
            return String(decoding: trimmed, as: UTF8.self).trimmingTrailingSpaces()
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " { s = s.dropLast() }
        return String(s)
    }
}

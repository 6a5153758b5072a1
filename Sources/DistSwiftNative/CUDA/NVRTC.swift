import Glibc

/// NVRTC, CUDA's run-time compiler (libnvrtc.so), loaded at run time: CUDA C source → a cubin for the GPU at hand.
/// distswift ships its kernels as source and compiles them once per worker (docs/backends.md says why).
public final class NVRTC: Sendable {
    typealias FCreate = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<CChar>,
                                        UnsafePointer<CChar>, Int32, UnsafePointer<UnsafePointer<CChar>?>?,
                                        UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias FCompile = @convention(c) (OpaquePointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Int32
    typealias FSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> Int32
    typealias FGet = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> Int32
    typealias FDestroy = @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> Int32
    typealias FVersion = @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32

    public let library: DynamicLibrary
    /// libnvrtc-builtins from libnvrtc's own folder, loaded ahead: NVRTC opens it by bare name at compile time, which
    /// fails when that folder is not on the loader's path (the pip package's folder, say); once loaded, the name
    /// resolves to it.
    let builtins: DynamicLibrary?
    let create: FCreate
    let compile: FCompile
    let logSize: FSize
    let log: FGet
    let cubinSize: FSize
    let cubin: FGet
    let destroy: FDestroy
    let version: FVersion

    public init(search: CUDALibrarySearch) throws {
        var tried: [String] = []
        guard let library = DynamicLibrary.open(names: CUDALibrarySearch.nvrtcNames, folders: search.folders,
                                                tried: &tried) else {
            throw CUDAUnavailable("CUDA's run-time compiler libnvrtc was not found", tried: tried)
        }
        self.library = library
        builtins = Self.loadBuiltins(besides: library.path)
        do {
            create = try library.function("nvrtcCreateProgram", as: FCreate.self)
            compile = try library.function("nvrtcCompileProgram", as: FCompile.self)
            logSize = try library.function("nvrtcGetProgramLogSize", as: FSize.self)
            log = try library.function("nvrtcGetProgramLog", as: FGet.self)
            cubinSize = try library.function("nvrtcGetCUBINSize", as: FSize.self)
            cubin = try library.function("nvrtcGetCUBIN", as: FGet.self)
            destroy = try library.function("nvrtcDestroyProgram", as: FDestroy.self)
            version = try library.function("nvrtcVersion", as: FVersion.self)
        } catch {
            throw CUDAUnavailable("\(library.path) lacks an NVRTC function (\(error))")
        }
    }

    private static func loadBuiltins(besides path: String) -> DynamicLibrary? {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let folder = String(path[..<slash])
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(folder + "/libnvrtc-builtins.so.*", 0, nil, &matches) == 0 else { return nil }
        var tried: [String] = []
        for i in 0..<Int(matches.gl_pathc) {
            guard let found = matches.gl_pathv[i].map({ String(cString: $0) }), !found.contains(".alt.") else { continue }
            if let library = DynamicLibrary.open(names: [found], folders: [], tried: &tried) { return library }
        }
        return nil
    }

    /// "13.0": the compiler's version.
    public var versionString: String {
        var major: Int32 = 0, minor: Int32 = 0
        _ = version(&major, &minor)
        return "\(major).\(minor)"
    }

    /// Compiles `source` to a cubin for compute capability `major.minor`; a failed compile throws with the log.
    public func compileCUBIN(_ source: String, name: String, major: Int, minor: Int) throws -> [UInt8] {
        var program: OpaquePointer?
        var status = create(&program, source, name, 0, nil, nil)
        guard status == 0 else { throw NativeError("nvrtcCreateProgram", detail: "status \(status)") }
        defer { _ = destroy(&program) }
        // --fmad=false: no fused multiply-adds, so the filters round as the CPU code does (float64 results agree to
        // 1e-12 and better); the kernels are latency- or memory-bound, so the FMA would not make them faster.
        let options = ["--gpu-architecture=sm_\(major)\(minor)", "--std=c++17", "-default-device", "--fmad=false"]
        let cOptions = options.map { strdup($0) }
        defer { cOptions.forEach { free($0) } }
        let optionPointers: [UnsafePointer<CChar>?] = cOptions.map { $0.map { UnsafePointer($0) } }
        status = optionPointers.withUnsafeBufferPointer {
            compile(program, Int32(options.count), $0.baseAddress)
        }
        guard status == 0 else {
            var size = 0
            _ = logSize(program, &size)
            var text = [CChar](repeating: 0, count: max(size, 1))
            _ = log(program, &text)
            let message = String(decoding: text.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw NativeError("nvrtcCompileProgram(\(name))", detail: "status \(status): \(message)")
        }
        var size = 0
        _ = cubinSize(program, &size)
        var image = [CChar](repeating: 0, count: size)
        _ = cubin(program, &image)
        return image.map { UInt8(bitPattern: $0) }
    }
}

import Glibc

/// A shared library opened at run time (dlopen) and its symbols. The CUDA libraries are loaded this way, never
/// linked, so the one distswift binary starts on machines without CUDA and uses it where it is installed.
/// The handle is closed when the last reference goes (the function pointers taken from it must not outlive it:
/// each typed wrapper keeps its library alive).
public final class DynamicLibrary: Sendable {
    /// The path or name it was opened by (for messages).
    public let path: String
    // dlopen handles are process-global, reference-counted by the loader and thread-safe to use.
    private nonisolated(unsafe) let handle: UnsafeMutableRawPointer

    /// Opens the first of `names` found in `folders` (each tried in order), then by the loader's own search
    /// (LD_LIBRARY_PATH, ld.so.cache); `tried` receives every path attempted with the loader's reason.
    public static func open(names: [String], folders: [String], tried: inout [String]) -> DynamicLibrary? {
        var candidates: [String] = []
        for folder in folders where !folder.isEmpty {
            for name in names { candidates.append(folder.hasSuffix("/") ? folder + name : folder + "/" + name) }
        }
        candidates += names
        for candidate in candidates {
            if let handle = dlopen(candidate, RTLD_NOW | RTLD_LOCAL) {
                return DynamicLibrary(path: candidate, handle: handle)
            }
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            tried.append(candidate.contains("/") ? "\(candidate) (\(Self.shorten(reason)))" : "\(candidate) (loader search: \(Self.shorten(reason)))")
        }
        return nil
    }

    private init(path: String, handle: UnsafeMutableRawPointer) {
        self.path = path
        self.handle = handle
    }

    deinit { dlclose(handle) }

    /// The address of `symbol`, or an error naming the library (an older library than the code expects).
    public func symbol(_ symbol: String) throws -> UnsafeMutableRawPointer {
        guard let address = dlsym(handle, symbol) else {
            throw NativeError("dlsym", path: path, detail: "has no symbol \(symbol) (too old a version?)")
        }
        return address
    }

    /// A C function of type `F` (a `@convention(c)` function type) by name.
    public func function<F>(_ name: String, as type: F.Type) throws -> F {
        unsafeBitCast(try symbol(name), to: F.self)
    }

    private static func shorten(_ reason: String) -> String {
        // dlerror repeats the path; keep only the reason after the last ": ".
        let parts = reason.split(separator: ":", omittingEmptySubsequences: false)
        return parts.last.map { String($0.drop(while: { $0 == " " })) } ?? reason
    }
}

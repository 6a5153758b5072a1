/// A kernel argument, passed by value to `cuLaunchKernel`.
public enum KernelArgument: Sendable {
    case buffer(CUDABuffer)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
}

/// Kernels compiled by NVRTC (a cubin or PTX image) loaded into a context, and their launches.
public final class CUDAModule: Sendable {
    public let context: CUDAContext
    // The driver's module and function handles: opaque, owned by the context, valid while it lives.
    private nonisolated(unsafe) let module: OpaquePointer?
    private nonisolated(unsafe) let functions: [String: OpaquePointer]

    /// Loads `image` and looks up every kernel of `names`.
    public init(context: CUDAContext, image: [UInt8], names: [String]) throws {
        self.context = context
        try context.makeCurrent()
        let driver = context.driver
        var module: OpaquePointer?
        let loaded = image.withUnsafeBytes { driver.cuModuleLoadData(&module, $0.baseAddress!) }
        try driver.check(loaded, "cuModuleLoadData")
        self.module = module
        var functions: [String: OpaquePointer] = [:]
        for name in names {
            var function: OpaquePointer?
            try driver.check(driver.cuModuleGetFunction(&function, module, name), "cuModuleGetFunction(\(name))")
            functions[name] = function
        }
        self.functions = functions
    }

    /// Launches kernel `name` on a grid of `grid` blocks of `block` threads (the default stream); errors of the
    /// launch itself are thrown here, errors inside the kernel at the next synchronisation.
    public func launch(_ name: String, grid: (x: Int, y: Int), block: Int, sharedBytes: Int = 0,
                       _ arguments: [KernelArgument]) throws {
        guard let function = functions[name] else { throw NativeError("cuLaunchKernel", detail: "no kernel \(name)") }
        try context.makeCurrent()
        // Each argument's value in 8 bytes of its own; the driver reads them during the call.
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 8 * max(arguments.count, 1), alignment: 8)
        defer { storage.deallocate() }
        var pointers = [UnsafeMutableRawPointer?](repeating: nil, count: arguments.count)
        for (i, argument) in arguments.enumerated() {
            let slot = storage + 8 * i
            switch argument {
            case .buffer(let b): slot.storeBytes(of: b.address, as: UInt64.self)
            case .int32(let v): slot.storeBytes(of: v, as: Int32.self)
            case .int64(let v): slot.storeBytes(of: v, as: Int64.self)
            case .double(let v): slot.storeBytes(of: v, as: Double.self)
            }
            pointers[i] = slot
        }
        let status = pointers.withUnsafeMutableBufferPointer { params in
            context.driver.cuLaunchKernel(function, UInt32(grid.x), UInt32(grid.y), 1, UInt32(block), 1, 1,
                                          UInt32(sharedBytes), nil, params.baseAddress, nil)
        }
        try context.driver.check(status, "cuLaunchKernel(\(name))")
        withExtendedLifetime(arguments) {}
    }
}

import Synchronization

/// One GPU's primary context in this process (a pool worker holds one; the runtime inside cuFFT uses the same
/// primary context, so cuFFT and NVRTC-compiled kernels see the same memory). Every call makes the context current
/// on the calling thread first, because the driver keeps the current context per thread.
///
/// Allocations are counted against `budgetBytes`, so workers sharing a GPU each stay inside their share.
public final class CUDAContext: Sendable {
    public let driver: CUDADriver
    public let ordinal: Int
    public let name: String
    /// Compute capability (9.0 for Hopper): the architecture NVRTC compiles for.
    public let computeCapability: (major: Int, minor: Int)
    public let budgetBytes: Int
    // The driver's context handle: an opaque pointer the driver owns, usable from any thread once made current.
    private nonisolated(unsafe) let context: OpaquePointer?
    private let device: Int32
    private let allocated = Mutex(0)

    /// Retains GPU `ordinal`'s primary context; `budgetBytes` nil: the device's free memory at start, less 10 %.
    public init(driver: CUDADriver, ordinal: Int, budgetBytes: Int?) throws {
        self.driver = driver
        self.ordinal = ordinal
        let count = try driver.deviceCount()
        guard ordinal >= 0 && ordinal < count else {
            throw CUDAUnavailable("GPU \(ordinal) was asked for but the driver sees \(count) GPU(s)")
        }
        var device: Int32 = 0
        try driver.check(driver.cuDeviceGet(&device, Int32(ordinal)), "cuDeviceGet")
        self.device = device
        name = try driver.deviceName(ordinal)
        var major: Int32 = 0, minor: Int32 = 0
        try driver.check(driver.cuDeviceGetAttribute(&major, 75, device), "cuDeviceGetAttribute(major)")
        try driver.check(driver.cuDeviceGetAttribute(&minor, 76, device), "cuDeviceGetAttribute(minor)")
        computeCapability = (Int(major), Int(minor))
        var context: OpaquePointer?
        try driver.check(driver.cuDevicePrimaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain")
        self.context = context
        try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent")
        var free = 0, total = 0
        try driver.check(driver.cuMemGetInfo(&free, &total), "cuMemGetInfo")
        self.budgetBytes = budgetBytes ?? (free / 10 * 9)
    }

    deinit { _ = driver.cuDevicePrimaryCtxRelease(device) }

    /// Makes the context current on this thread (cheap; needed before every driver, cuFFT or kernel call).
    public func makeCurrent() throws {
        try driver.check(driver.cuCtxSetCurrent(context), "cuCtxSetCurrent")
    }

    /// Free and total device memory (bytes).
    public func memoryInfo() throws -> (free: Int, total: Int) {
        try makeCurrent()
        var free = 0, total = 0
        try driver.check(driver.cuMemGetInfo(&free, &total), "cuMemGetInfo")
        return (free, total)
    }

    /// Bytes this context holds now through `CUDABuffer`s.
    public var allocatedBytes: Int { allocated.withLock { $0 } }

    /// Device memory of `bytes` bytes, refused when it would take this worker past its budget.
    public func allocate(bytes: Int) throws -> CUDABuffer {
        let count = max(bytes, 1)
        try allocated.withLock { total in
            guard total + count <= budgetBytes else {
                throw NativeError("cuMemAlloc", detail: "\(count) bytes would take this worker to \(total + count) "
                                  + "bytes on GPU \(ordinal), over its budget of \(budgetBytes) (the GPU's memory "
                                  + "divided among the workers sharing it); use fewer workers per GPU or a smaller BOX_SIZE")
            }
            total += count
        }
        try makeCurrent()
        var address: UInt64 = 0
        let status = driver.cuMemAlloc(&address, count)
        guard status == 0 else {
            allocated.withLock { $0 -= count }
            throw NativeError("cuMemAlloc(\(count) bytes)", detail: driver.message(status))
        }
        return CUDABuffer(context: self, address: address, bytes: count)
    }

    func release(_ buffer: CUDABuffer) {
        _ = try? makeCurrent()
        // Kernels queued earlier may still read the buffer: wait for them before the memory can be reused.
        _ = driver.cuCtxSynchronize()
        _ = driver.cuMemFree(buffer.address)
        allocated.withLock { $0 -= buffer.bytes }
    }

    /// Host values into `buffer` (from its start).
    public func upload<T>(_ values: [T], to buffer: CUDABuffer) throws {
        let bytes = values.count * MemoryLayout<T>.stride
        precondition(bytes <= buffer.bytes, "upload of \(bytes) bytes into a buffer of \(buffer.bytes)")
        try makeCurrent()
        try values.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, bytes > 0 else { return }
            try driver.check(driver.cuMemcpyHtoD(buffer.address, base, bytes), "cuMemcpyHtoD")
        }
    }

    /// `count` values of type T from `buffer` (from its start, or `byteOffset`).
    public func download<T>(_ buffer: CUDABuffer, count: Int, as type: T.Type, byteOffset: Int = 0) throws -> [T]
        where T: BinaryFloatingPoint
    {
        let bytes = count * MemoryLayout<T>.stride
        precondition(byteOffset + bytes <= buffer.bytes, "download past the end of a device buffer")
        try makeCurrent()
        var out = [T](repeating: 0, count: count)
        try out.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress, bytes > 0 else { return }
            try driver.check(driver.cuMemcpyDtoH(base, buffer.address + UInt64(byteOffset), bytes), "cuMemcpyDtoH")
        }
        return out
    }

    /// A device-to-device copy of `bytes` bytes.
    public func copy(from source: CUDABuffer, sourceOffset: Int = 0, to destination: CUDABuffer,
                     destinationOffset: Int = 0, bytes: Int) throws {
        try makeCurrent()
        try driver.check(driver.cuMemcpyDtoD(destination.address + UInt64(destinationOffset),
                                             source.address + UInt64(sourceOffset), bytes), "cuMemcpyDtoD")
    }

    /// Waits for all work queued on the context; reports a failed kernel.
    public func synchronize() throws {
        try makeCurrent()
        try driver.check(driver.cuCtxSynchronize(), "cuCtxSynchronize")
    }
}

/// Device memory owned by a `CUDAContext`, freed when the last reference goes (a device-resident array holds one).
public final class CUDABuffer: Sendable {
    public let context: CUDAContext
    /// The device address (CUdeviceptr).
    public let address: UInt64
    public let bytes: Int

    init(context: CUDAContext, address: UInt64, bytes: Int) {
        self.context = context
        self.address = address
        self.bytes = bytes
    }

    deinit { context.release(self) }
}

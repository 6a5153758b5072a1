/// The CUDA driver API (libcuda.so.1, installed with the NVIDIA driver), loaded at run time: devices, the primary
/// context, memory, modules compiled by NVRTC and kernel launches. Only the few functions distswift uses, with
/// their C prototypes written out here (cuda.h is not needed to build).
public final class CUDADriver: Sendable {
    public typealias Result = Int32
    typealias FInit = @convention(c) (UInt32) -> Result
    typealias FDeviceGetCount = @convention(c) (UnsafeMutablePointer<Int32>) -> Result
    typealias FDeviceGet = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Result
    typealias FDeviceGetName = @convention(c) (UnsafeMutablePointer<CChar>, Int32, Int32) -> Result
    typealias FDeviceGetAttribute = @convention(c) (UnsafeMutablePointer<Int32>, Int32, Int32) -> Result
    typealias FPrimaryCtxRetain = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, Int32) -> Result
    typealias FPrimaryCtxRelease = @convention(c) (Int32) -> Result
    typealias FCtxSetCurrent = @convention(c) (OpaquePointer?) -> Result
    typealias FCtxSynchronize = @convention(c) () -> Result
    typealias FMemAlloc = @convention(c) (UnsafeMutablePointer<UInt64>, Int) -> Result
    typealias FMemFree = @convention(c) (UInt64) -> Result
    typealias FMemcpyHtoD = @convention(c) (UInt64, UnsafeRawPointer, Int) -> Result
    typealias FMemcpyDtoH = @convention(c) (UnsafeMutableRawPointer, UInt64, Int) -> Result
    typealias FMemcpyDtoD = @convention(c) (UInt64, UInt64, Int) -> Result
    typealias FMemGetInfo = @convention(c) (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>) -> Result
    typealias FModuleLoadData = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UnsafeRawPointer) -> Result
    typealias FModuleGetFunction = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, OpaquePointer?,
                                                   UnsafePointer<CChar>) -> Result
    typealias FLaunchKernel = @convention(c) (OpaquePointer?, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                                              OpaquePointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                                              UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Result
    typealias FGetErrorString = @convention(c) (Result, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Result

    public let library: DynamicLibrary
    let cuInit: FInit
    let cuDeviceGetCount: FDeviceGetCount
    let cuDeviceGet: FDeviceGet
    let cuDeviceGetName: FDeviceGetName
    let cuDeviceGetAttribute: FDeviceGetAttribute
    let cuDevicePrimaryCtxRetain: FPrimaryCtxRetain
    let cuDevicePrimaryCtxRelease: FPrimaryCtxRelease
    let cuCtxSetCurrent: FCtxSetCurrent
    let cuCtxSynchronize: FCtxSynchronize
    let cuMemAlloc: FMemAlloc
    let cuMemFree: FMemFree
    let cuMemcpyHtoD: FMemcpyHtoD
    let cuMemcpyDtoH: FMemcpyDtoH
    let cuMemcpyDtoD: FMemcpyDtoD
    let cuMemGetInfo: FMemGetInfo
    let cuModuleLoadData: FModuleLoadData
    let cuModuleGetFunction: FModuleGetFunction
    let cuLaunchKernel: FLaunchKernel
    let cuGetErrorString: FGetErrorString

    /// Loads libcuda and initialises the driver; throws `CUDAUnavailable` naming what was tried.
    public init(search: CUDALibrarySearch) throws {
        var tried: [String] = []
        guard let library = DynamicLibrary.open(names: CUDALibrarySearch.driverNames, folders: search.folders,
                                                tried: &tried) else {
            throw CUDAUnavailable("the NVIDIA driver library libcuda.so.1 was not found", tried: tried)
        }
        self.library = library
        do {
            cuInit = try library.function("cuInit", as: FInit.self)
            cuDeviceGetCount = try library.function("cuDeviceGetCount", as: FDeviceGetCount.self)
            cuDeviceGet = try library.function("cuDeviceGet", as: FDeviceGet.self)
            cuDeviceGetName = try library.function("cuDeviceGetName", as: FDeviceGetName.self)
            cuDeviceGetAttribute = try library.function("cuDeviceGetAttribute", as: FDeviceGetAttribute.self)
            cuDevicePrimaryCtxRetain = try library.function("cuDevicePrimaryCtxRetain", as: FPrimaryCtxRetain.self)
            cuDevicePrimaryCtxRelease = try library.function("cuDevicePrimaryCtxRelease_v2", as: FPrimaryCtxRelease.self)
            cuCtxSetCurrent = try library.function("cuCtxSetCurrent", as: FCtxSetCurrent.self)
            cuCtxSynchronize = try library.function("cuCtxSynchronize", as: FCtxSynchronize.self)
            cuMemAlloc = try library.function("cuMemAlloc_v2", as: FMemAlloc.self)
            cuMemFree = try library.function("cuMemFree_v2", as: FMemFree.self)
            cuMemcpyHtoD = try library.function("cuMemcpyHtoD_v2", as: FMemcpyHtoD.self)
            cuMemcpyDtoH = try library.function("cuMemcpyDtoH_v2", as: FMemcpyDtoH.self)
            cuMemcpyDtoD = try library.function("cuMemcpyDtoD_v2", as: FMemcpyDtoD.self)
            cuMemGetInfo = try library.function("cuMemGetInfo_v2", as: FMemGetInfo.self)
            cuModuleLoadData = try library.function("cuModuleLoadData", as: FModuleLoadData.self)
            cuModuleGetFunction = try library.function("cuModuleGetFunction", as: FModuleGetFunction.self)
            cuLaunchKernel = try library.function("cuLaunchKernel", as: FLaunchKernel.self)
            cuGetErrorString = try library.function("cuGetErrorString", as: FGetErrorString.self)
        } catch {
            throw CUDAUnavailable("\(library.path) lacks a driver function (\(error))")
        }
        let status = cuInit(0)
        guard status == 0 else {
            throw CUDAUnavailable("\(library.path) loaded but cuInit failed (\(message(status))): no usable GPU")
        }
    }

    /// The driver's name for a status code.
    public func message(_ status: Result) -> String {
        var text: UnsafePointer<CChar>?
        guard cuGetErrorString(status, &text) == 0, let text else { return "CUDA error \(status)" }
        return "\(String(cString: text)) (\(status))"
    }

    func check(_ status: Result, _ operation: String) throws {
        guard status == 0 else { throw NativeError(operation, detail: message(status)) }
    }

    /// The number of GPUs the driver sees.
    public func deviceCount() throws -> Int {
        var count: Int32 = 0
        try check(cuDeviceGetCount(&count), "cuDeviceGetCount")
        return Int(count)
    }

    /// The name of GPU `ordinal` ("NVIDIA H200").
    public func deviceName(_ ordinal: Int) throws -> String {
        var device: Int32 = 0
        try check(cuDeviceGet(&device, Int32(ordinal)), "cuDeviceGet")
        var name = [CChar](repeating: 0, count: 256)
        try check(cuDeviceGetName(&name, 255, device), "cuDeviceGetName")
        return String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

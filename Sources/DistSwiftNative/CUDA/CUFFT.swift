/// cuFFT (libcufft.so), loaded at run time: batched 1-D transforms along rows.
public final class CUFFT: Sendable {
    typealias FPlanMany = @convention(c) (UnsafeMutablePointer<Int32>, Int32, UnsafeMutablePointer<Int32>,
                                          UnsafeMutablePointer<Int32>?, Int32, Int32,
                                          UnsafeMutablePointer<Int32>?, Int32, Int32, Int32, Int32) -> Int32
    typealias FExec = @convention(c) (Int32, UInt64, UInt64) -> Int32
    typealias FExecComplex = @convention(c) (Int32, UInt64, UInt64, Int32) -> Int32
    typealias FDestroy = @convention(c) (Int32) -> Int32

    public let library: DynamicLibrary
    let planMany: FPlanMany
    let execR2C: FExec
    let execD2Z: FExec
    let execC2R: FExec
    let execZ2D: FExec
    let destroy: FDestroy

    public init(search: CUDALibrarySearch) throws {
        var tried: [String] = []
        guard let library = DynamicLibrary.open(names: CUDALibrarySearch.fftNames, folders: search.folders,
                                                tried: &tried) else {
            throw CUDAUnavailable("CUDA's FFT library libcufft was not found", tried: tried)
        }
        self.library = library
        do {
            planMany = try library.function("cufftPlanMany", as: FPlanMany.self)
            execR2C = try library.function("cufftExecR2C", as: FExec.self)
            execD2Z = try library.function("cufftExecD2Z", as: FExec.self)
            execC2R = try library.function("cufftExecC2R", as: FExec.self)
            execZ2D = try library.function("cufftExecZ2D", as: FExec.self)
            destroy = try library.function("cufftDestroy", as: FDestroy.self)
        } catch {
            throw CUDAUnavailable("\(library.path) lacks a cuFFT function (\(error))")
        }
    }

    /// The transforms distswift plans: real ↔ half-spectrum along rows, in single or double precision.
    public enum Kind: Int32, Sendable {
        case r2c = 0x2a, c2r = 0x2c, d2z = 0x6a, z2d = 0x6c
    }

    /// A plan for `rows` transforms of `length` samples each (rows contiguous; the half spectrum has length/2 + 1
    /// bins per row), made in the current context.
    public final class Plan: Sendable {
        let fft: CUFFT
        let handle: Int32
        public let kind: Kind

        init(fft: CUFFT, handle: Int32, kind: Kind) {
            self.fft = fft
            self.handle = handle
            self.kind = kind
        }

        deinit { _ = fft.destroy(handle) }

        /// Runs the transform from `input` to `output` (device buffers of the plan's shape).
        public func execute(_ input: CUDABuffer, _ output: CUDABuffer) throws {
            try input.context.makeCurrent()
            let status: Int32
            switch kind {
            case .r2c: status = fft.execR2C(handle, input.address, output.address)
            case .d2z: status = fft.execD2Z(handle, input.address, output.address)
            case .c2r: status = fft.execC2R(handle, input.address, output.address)
            case .z2d: status = fft.execZ2D(handle, input.address, output.address)
            }
            guard status == 0 else { throw NativeError("cufftExec(\(kind))", detail: "cuFFT status \(status)") }
        }
    }

    public func plan(_ kind: Kind, rows: Int, length: Int, context: CUDAContext) throws -> Plan {
        try context.makeCurrent()
        var handle: Int32 = 0
        var n = [Int32(length)]
        let forward = kind == .r2c || kind == .d2z
        let inputLength = forward ? length : length / 2 + 1, outputLength = forward ? length / 2 + 1 : length
        var inputEmbed = [Int32(inputLength)], outputEmbed = [Int32(outputLength)]
        let status = planMany(&handle, 1, &n, &inputEmbed, 1, Int32(inputLength), &outputEmbed, 1,
                              Int32(outputLength), kind.rawValue, Int32(rows))
        guard status == 0 else {
            throw NativeError("cufftPlanMany(\(kind), \(rows) × \(length))", detail: "cuFFT status \(status)")
        }
        return Plan(fft: self, handle: handle, kind: kind)
    }
}

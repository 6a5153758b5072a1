// Device kernels of the spectral commands: fft/ifft along time, and the band energies of the noise log.

extension FFTCommand: DeviceCommand {
    public var runsOnDevice: Bool { axis == 1 }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        guard axis == 1, !input.isSpectrum else { throw DeviceKernelUnavailable("fft", "axis 0 or a spectrum") }
        return try device.realForwardFFT(input)
    }
}

extension IFFTCommand: DeviceCommand {
    public var runsOnDevice: Bool { axis == 1 }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        guard axis == 1, input.isSpectrum else { throw DeviceKernelUnavailable("ifft", "axis 0 or real rows") }
        return try device.realInverseFFT(input)
    }
}

extension RMSFromFFTCommand: DeviceCommand {
    public var runsOnDevice: Bool { true }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        try device.bandEnergies(input, bands: [band], rate: context.samplingRateHz, rms: true)
    }
}

extension TEFromFFTCommand: DeviceCommand {
    public var runsOnDevice: Bool { true }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        try device.bandEnergies(input, bands: [band], rate: context.samplingRateHz, rms: false)
    }
}

extension MultipleCalcsCommand: DeviceCommand {
    public var runsOnDevice: Bool { true }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        try device.bandEnergies(input, bands: bands, rate: context.samplingRateHz, rms: rms)
    }
}

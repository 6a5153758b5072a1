// Device kernel of the zero-phase Butterworth filter along time.

extension ButterCommand: DeviceCommand {
    public var runsOnDevice: Bool { axis == 1 }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        guard axis == 1, !input.isSpectrum else { throw DeviceKernelUnavailable("butter", "axis 0 or a spectrum") }
        let sos = try sections(rate: context.samplingRateHz)
        guard input.columns > sos.defaultPadLength else {
            throw CommandError(Self.name, "each row has \(input.columns) samples along time, but zero-phase filtering "
                               + "of order \(order) needs more than padlen = \(sos.defaultPadLength); use longer "
                               + "chunks or a lower order")
        }
        return try device.zeroPhaseFilter(input, sections: sos, padType: padType)
    }
}

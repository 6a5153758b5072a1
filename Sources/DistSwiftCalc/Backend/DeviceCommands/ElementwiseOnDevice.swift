// Device kernels of the elementwise and reduction commands.

extension AbsCommand: DeviceCommand {
    public var runsOnDevice: Bool { true }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        try device.elementwise(input, .abs)
    }
}

extension RealCommand: DeviceCommand {
    public var runsOnDevice: Bool { true }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        try device.elementwise(input, .real)
    }
}

extension AxisReduction {
    /// The statistic along time on the device; along channels (axis 0) there is no kernel.
    func onDevice(_ input: DeviceArray, device: any DeviceBackend, _ statistic: RowStatistic, command: String) throws
        -> DeviceArray
    {
        guard axis == 1 else { throw DeviceKernelUnavailable(command, "axis 0") }
        return try device.reduceRows(input, statistic)
    }
}

extension MeanCommand: DeviceCommand {
    public var runsOnDevice: Bool { reduction.axis == 1 }
    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray { try reduction.onDevice(input, device: device, .mean, command: Self.name) }
}

extension SumCommand: DeviceCommand {
    public var runsOnDevice: Bool { reduction.axis == 1 }
    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray { try reduction.onDevice(input, device: device, .sum, command: Self.name) }
}

extension StdDevCommand: DeviceCommand {
    public var runsOnDevice: Bool { reduction.axis == 1 }
    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray { try reduction.onDevice(input, device: device, .standardDeviation, command: Self.name) }
}

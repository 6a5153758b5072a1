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

extension MeanCommand: DeviceCommand {
    public var runsOnDevice: Bool { reduction.axis == 1 }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        guard reduction.axis == 1 else { throw DeviceKernelUnavailable("mean", "axis 0") }
        return try device.reduceRows(input, .mean)
    }
}

extension SumCommand: DeviceCommand {
    public var runsOnDevice: Bool { reduction.axis == 1 }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        guard reduction.axis == 1 else { throw DeviceKernelUnavailable("sum", "axis 0") }
        return try device.reduceRows(input, .sum)
    }
}

extension StdDevCommand: DeviceCommand {
    public var runsOnDevice: Bool { reduction.axis == 1 }

    public func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws
        -> DeviceArray
    {
        guard reduction.axis == 1 else { throw DeviceKernelUnavailable("std_dev", "axis 0") }
        return try device.reduceRows(input, .standardDeviation)
    }
}

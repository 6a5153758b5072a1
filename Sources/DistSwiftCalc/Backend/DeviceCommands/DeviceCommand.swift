/// A command with a device kernel: on a backend with a device, the engine gives it its `in_uid` input as a
/// `DeviceArray` and keeps the output there, so consecutive device commands need no copies. Commands without one
/// (or whose kernel refuses the input: `DeviceKernelUnavailable`) run on the CPU after an explicit, logged copy.
/// The conformances live beside this file, one per command family, so the command files stay host-only.
public protocol DeviceCommand: Command {
    /// Whether this command, as configured, has a device kernel (`describe` and `validate` show it).
    var runsOnDevice: Bool { get }
    func executeOnDevice(_ input: DeviceArray, device: any DeviceBackend, context: ChunkContext) throws -> DeviceArray
}

/// How a command of a plan runs on a backend with a device.
public enum DevicePlacement: String, Sendable {
    /// A device kernel: its input stays on the device.
    case device
    /// No device kernel: its input is copied to the host first (logged once per worker).
    case host
    /// `to_gpu` / `from_gpu`: a copy to or from the device.
    case transfer

    public static func of(_ command: any Command) -> DevicePlacement {
        if command is ToGPUCommand || command is FromGPUCommand { return .transfer }
        if let device = command as? any DeviceCommand, device.runsOnDevice { return .device }
        return .host
    }
}

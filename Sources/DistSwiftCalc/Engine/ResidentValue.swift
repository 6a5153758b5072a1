/// A node's value while a chunk runs, where it lives: in host memory (`DataArray`), or on the backend's device
/// (`DeviceArray` with its axes). On the CPU backend every value is `.host`.
enum ResidentValue: Sendable {
    case host(DataArray)
    case device(DeviceArray, Axes)

    var axes: Axes {
        switch self {
        case .host(let data): return data.axes
        case .device(_, let axes): return axes
        }
    }

    var isOnDevice: Bool { if case .device = self { return true } else { return false } }

    /// Bytes the value holds (for transfer notes).
    var byteCount: Int {
        switch self {
        case .host(let data): return data.values.byteCount
        case .device(let array, _): return array.byteCount
        }
    }

    /// The value in host memory (a copy from the device when it lives there).
    func onHost(_ device: (any DeviceBackend)?) throws -> DataArray {
        switch self {
        case .host(let data): return data
        case .device(let array, let axes):
            guard let device else { preconditionFailure("a device value without a device backend") }
            return DataArray(try device.download(array), axes: axes)
        }
    }

    /// The value on the device (a copy there when it lives on the host).
    func onDevice(_ device: any DeviceBackend) throws -> (DeviceArray, Axes) {
        switch self {
        case .device(let array, let axes): return (array, axes)
        case .host(let data): return (try device.upload(data.values), data.axes)
        }
    }

    /// `DataArray.trimmingTime` wherever the value lives.
    func trimmingTime(to samples: Range<Int>, rateHz: Double, windowsOwned: Range<Int>? = nil,
                      device: (any DeviceBackend)?) throws -> ResidentValue {
        switch self {
        case .host(let data): return .host(data.trimmingTime(to: samples, rateHz: rateHz, windowsOwned: windowsOwned))
        case .device(_, let axes) where axes.third != nil:
            // A 3-D array is trimmed along its innermost axis on the host (no device kernel cuts it).
            return .host(try onHost(device).trimmingTime(to: samples, rateHz: rateHz, windowsOwned: windowsOwned))
        case .device(let array, var axes):
            guard axes.columns.dimension == .time, let device else { return self }
            let keep = axes.columns.elements(withSamplesIn: samples, rateHz: rateHz)
            guard keep != 0..<axes.columns.count else { return self }
            axes.columns = axes.columns.slice(keep)
            return .device(try device.columns(array, keep), axes)
        }
    }

    /// `DataArray.trimmingChannels` wherever the value lives.
    func trimmingChannels(to channels: Range<Int>, device: (any DeviceBackend)?) throws -> ResidentValue {
        switch self {
        case .host(let data): return .host(data.trimmingChannels(to: channels))
        case .device(let array, var axes):
            guard axes.rows.dimension == .distance, let device else { return self }
            let keep = axes.rows.elements(withBaseIndicesIn: channels)
            guard keep != 0..<axes.rows.count else { return self }
            axes.rows = axes.rows.slice(keep)
            return .device(try device.rows(array, keep), axes)
        }
    }
}

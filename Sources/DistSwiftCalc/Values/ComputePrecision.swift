import DistSwiftIO

/// The floating-point precision a graph computes in. float32 halves the memory and bytes moved per sample and
/// FFTW's float transform runs about twice as fast; band energies are still summed in float64. float64 is distpy's
/// precision and the one for stores that hold float64 or int32 data.
public enum ComputePrecision: String, Sendable, CaseIterable {
    case float32, float64

    /// The precision for data stored as `dtype` when the user names none: float32 for float32 and int16 stores
    /// (every value they hold is exact in float32), float64 otherwise, so that no stored digit is dropped.
    public static func matching(_ dtype: ElementType) -> ComputePrecision {
        switch dtype {
        case .float32, .int16: return .float32
        case .float64, .int32: return .float64
        }
    }
}

import CDistShims

/// The element passes of `RowSpectrumKernels.resampled` (scipy.signal.resample, two rows per complex transform),
/// each chosen by the input and compute precisions and run by its vectorised C loop (`dist_resample.c`,
/// `dist_rowpair.c`): the type checks resolve at compile time in each specialisation.
enum ResamplePasses {
    /// Rows a and b (b nil: zeros) into the plans' packed row as a + i·b: float32 → float64 widened as it is read
    /// (no float64 copy of the chunk); the same precision by `PairedRowPlans.pack`.
    @inline(__always)
    static func pack<I: BinaryFloatingPoint, S: FFTWScalar>(_ a: UnsafePointer<I>, _ b: UnsafePointer<I>?, count: Int,
                                                            plans: PairedRowPlans<S>) {
        if I.self == Float.self, S.self == Double.self, count == plans.length {
            dist_rowpair_pack_widening(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                                       b.map { UnsafeRawPointer($0).assumingMemoryBound(to: Float.self) },
                                       UnsafeMutableRawPointer(plans.packed).assumingMemoryBound(to: Double.self),
                                       count)
        } else {
            plans.pack(a, b, count: count)
        }
    }

    /// The forward transform z (`length` pairs) edited into y (`num` pairs), as `dist_resample_edit_float`.
    @inline(__always)
    static func edit<S: FFTWScalar>(_ z: UnsafeMutablePointer<S>, length n: Int, to num: Int, scale: S,
                                    into y: UnsafeMutablePointer<S>) {
        if S.self == Float.self {
            dist_resample_edit_float(UnsafeRawPointer(z).assumingMemoryBound(to: Float.self), n, num,
                                     Float(scale), UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self))
        } else {
            dist_resample_edit_double(UnsafeRawPointer(z).assumingMemoryBound(to: Double.self), n, num,
                                      Double(scale), UnsafeMutableRawPointer(y).assumingMemoryBound(to: Double.self))
        }
    }

    /// The inverse transform w (`count` pairs) times `scale` into rows ta and tb (tb nil: ta only).
    @inline(__always)
    static func split<S: FFTWScalar>(_ w: UnsafeMutablePointer<S>, scale: S, _ ta: UnsafeMutablePointer<S>,
                                     _ tb: UnsafeMutablePointer<S>?, count: Int) {
        if S.self == Float.self {
            dist_rowpair_split(UnsafeRawPointer(w).assumingMemoryBound(to: Float.self), Float(scale),
                               UnsafeMutableRawPointer(ta).assumingMemoryBound(to: Float.self),
                               tb.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Float.self) }, count)
        } else {
            dist_rowpair_split_double(UnsafeRawPointer(w).assumingMemoryBound(to: Double.self), Double(scale),
                                      UnsafeMutableRawPointer(ta).assumingMemoryBound(to: Double.self),
                                      tb.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Double.self) },
                                      count)
        }
    }
}

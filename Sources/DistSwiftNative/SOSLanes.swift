import CDistShims

/// Zero-phase filtering of many rows at once: the second-order-section recurrence over channels in lanes
/// (`dist_iir.c`: the widest vector unit the processor has, chosen at run time). A buffer holds `lanes` rows per
/// sample, row innermost; unused lanes of the last group repeat its last row (real data, so nothing can overflow).
public enum SOSLanes {
    public static let lanes = Int(DIST_IIR_LANES)

    /// How the ends of a row are extended (scipy's even_ext, odd_ext, const_ext).
    public enum Padding: Sendable { case even, odd, constant }

    /// sosfiltfilt of every row of `values` (rows × columns, row-major), extended by `pad` samples at both ends,
    /// forward then backward; `coefficients` holds b0, b1, b2, a1, a2 per section and `initialConditions` two
    /// step-response states per section, scaled per row by each pass's first sample.
    public static func zeroPhaseRows(_ values: [Double], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                     coefficients: [Double], initialConditions: [Double]) -> [Double] {
        filterRows(values, rows: rows, columns: n, pad: pad, padding: padding, coefficients: coefficients,
                   initialConditions: initialConditions, dist_sos_zero_phase_rows)
    }

    /// The same for float32 rows: filtered in double in the lanes, each result rounded to float32, without float64
    /// copies of the input and output.
    public static func zeroPhaseRows(_ values: [Float], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                     coefficients: [Double], initialConditions: [Double]) -> [Float] {
        filterRows(values, rows: rows, columns: n, pad: pad, padding: padding, coefficients: coefficients,
                   initialConditions: initialConditions, dist_sos_zero_phase_rows_float)
    }

    /// The most sections a filter run with per-row states may have.
    public static let maxSectionsWithStates = Int(DIST_IIR_MAX_SECTIONS)

    /// Per-row filter states (rows × 2·sections each: the two delays of each section, section by section) where
    /// each pass starts (nil: scipy's steady state of its first sample) and, when `wantsEnds`, where it ends: the
    /// forward pass after the buffer's last sample, the backward pass after its first.
    public struct States: Sendable {
        public var forwardStart: [Double]?
        public var backwardStart: [Double]?
        public var forwardEnd: [Double] = []
        public var backwardEnd: [Double] = []

        public init(forwardStart: [Double]? = nil, backwardStart: [Double]? = nil) {
            self.forwardStart = forwardStart
            self.backwardStart = backwardStart
        }
    }

    /// The general kernel: every row of `values` extended by `before` samples at its start and `after` at its end
    /// (0 at an end inside the recording), run forward once (`passes` 1: sosfilt) or forward and backward (2:
    /// sosfiltfilt) from `states`' starts; with `wantsEnds`, `states` receives each pass's end states.
    /// `keepsOutput` false: only the end states are wanted, and the filtered rows are not written (returns []).
    public static func filterRows<T: LaneSample>(_ values: [T], rows: Int, columns n: Int, before: Int, after: Int,
                                                 padding: Padding, passes: Int, coefficients: [Double],
                                                 initialConditions: [Double], states: inout States,
                                                 wantsEnds: Bool, keepsOutput: Bool = true) -> [T] {
        let sections = coefficients.count / 5, d = 2 * sections
        precondition(values.count == rows * n && n >= 1 && (before == 0 || n > before) && (after == 0 || n > after)
                     && sections <= maxSectionsWithStates && passes >= 1 && passes <= 2
                     && states.forwardStart.map { $0.count == rows * d } ?? true
                     && states.backwardStart.map { $0.count == rows * d } ?? true)
        var scratch = [Double](repeating: 0, count: (n + before + after) * lanes)
        var forwardEnd = [Double](repeating: 0, count: wantsEnds ? rows * d : 0)
        var backwardEnd = [Double](repeating: 0, count: wantsEnds && passes == 2 ? rows * d : 0)
        let code: Int32 = padding == .even ? 0 : (padding == .odd ? 1 : 2)
        let forwardStart = states.forwardStart, backwardStart = states.backwardStart
        let result = [T](unsafeUninitializedCapacity: keepsOutput ? rows * n : 0) { out, initialized in
            withOptionalPointer(forwardStart) { fs in
                withOptionalPointer(backwardStart) { bs in
                    forwardEnd.withUnsafeMutableBufferPointer { fe in
                        backwardEnd.withUnsafeMutableBufferPointer { be in
                            let c = dist_sos_states(forward_init: fs, backward_init: bs,
                                                    forward_end: wantsEnds ? fe.baseAddress : nil,
                                                    backward_end: wantsEnds && passes == 2 ? be.baseAddress : nil)
                            T.filterRows(values, keepsOutput ? out.baseAddress : nil, rows, n, before, after, code,
                                         Int32(passes),
                                         coefficients, initialConditions, Int32(sections), c, &scratch)
                        }
                    }
                }
            }
            initialized = keepsOutput ? rows * n : 0
        }
        states.forwardEnd = forwardEnd
        states.backwardEnd = backwardEnd
        return result
    }

    private static func withOptionalPointer<R>(_ values: [Double]?, _ body: (UnsafePointer<Double>?) -> R) -> R {
        guard let values else { return body(nil) }
        return values.withUnsafeBufferPointer { body($0.baseAddress) }
    }

    private typealias RowsKernel<T> = (UnsafePointer<T>?, UnsafeMutablePointer<T>?, Int, Int, Int, Int32,
                                       UnsafePointer<Double>?, UnsafePointer<Double>?, Int32,
                                       UnsafeMutablePointer<Double>?) -> Void

    private static func filterRows<T>(_ values: [T], rows: Int, columns n: Int, pad: Int, padding: Padding,
                                      coefficients: [Double], initialConditions: [Double],
                                      _ kernel: RowsKernel<T>) -> [T] {
        precondition(values.count == rows * n && n > pad && coefficients.count == 5 * (initialConditions.count / 2))
        var scratch = [Double](repeating: 0, count: (n + 2 * pad) * lanes)
        let code: Int32 = padding == .even ? 0 : (padding == .odd ? 1 : 2)
        // Every value is written by the C code, so the output is not zero-filled first.
        return [T](unsafeUninitializedCapacity: rows * n) { out, initialized in
            kernel(values, out.baseAddress, rows, n, pad, code, coefficients, initialConditions,
                   Int32(coefficients.count / 5), &scratch)
            initialized = rows * n
        }
    }
}

/// The sample types the lanes kernel reads and writes (filtered in double either way).
public protocol LaneSample: BitwiseCopyable {
    static func filterRows(_ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>?, _ rows: Int, _ n: Int,
                           _ before: Int, _ after: Int, _ padding: Int32, _ passes: Int32,
                           _ coefficients: UnsafePointer<Double>, _ zi: UnsafePointer<Double>, _ sections: Int32,
                           _ states: dist_sos_states, _ scratch: UnsafeMutablePointer<Double>)
}

extension Double: LaneSample {
    public static func filterRows(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>?, _ rows: Int,
                                  _ n: Int, _ before: Int, _ after: Int, _ padding: Int32, _ passes: Int32,
                                  _ coefficients: UnsafePointer<Double>, _ zi: UnsafePointer<Double>,
                                  _ sections: Int32, _ states: dist_sos_states, _ scratch: UnsafeMutablePointer<Double>) {
        dist_sos_filter_rows(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                             scratch)
    }
}

extension Float: LaneSample {
    public static func filterRows(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>?, _ rows: Int,
                                  _ n: Int, _ before: Int, _ after: Int, _ padding: Int32, _ passes: Int32,
                                  _ coefficients: UnsafePointer<Double>, _ zi: UnsafePointer<Double>,
                                  _ sections: Int32, _ states: dist_sos_states, _ scratch: UnsafeMutablePointer<Double>) {
        dist_sos_filter_rows_float(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections,
                                   states, scratch)
    }
}

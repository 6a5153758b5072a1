import DistSwiftIO
import DistSwiftNative

/// What flows along an edge of a command graph: a real or complex 2-D array, rows = channels (or whatever the
/// producing command made rows), columns = samples, bins or values.
///
/// A forward FFT of real data along time keeps only the non-negative half of the spectrum (`halfSpectrum`), which is
/// all the band-energy commands and the inverse FFT need; the full spectrum is built from the Hermitian symmetry
/// only when a consumer needs it (`fullComplex`).
///
/// `real`, `complex` and `halfSpectrum` are the canonical forms every command reads. The packed forms come from the
/// fast paths: float32 chunks (`singleReal`) and the spectra FFTW writes as (re, im) pairs (`interleavedHalfSpectrum`,
/// `singleHalfSpectrum`). Only commands that declare `acceptsPackedSignals` see them; the engine converts them to
/// the canonical forms for every other command (`canonical`).
public enum Signal: Sendable {
    case real(Array2D<Double>)
    case complex(ComplexArray2D)
    /// Bins 0 … length/2 of the DFT along time of real rows of `length` samples.
    case halfSpectrum(ComplexArray2D, length: Int)
    case singleReal(Array2D<Float>)
    /// `halfSpectrum` as (re, im) pairs, in double or single precision.
    case interleavedHalfSpectrum(InterleavedComplexArray2D<Double>, length: Int)
    case singleHalfSpectrum(InterleavedComplexArray2D<Float>, length: Int)
    /// `complex` as float32 (re, im) pairs: what the FFT commands' float32 kernels return (`rfft`, `dft`,
    /// `hilbert` in a float32 graph), FFTW's float layout as it wrote it.
    case singleComplex(InterleavedComplexArray2D<Float>)

    public var rows: Int {
        switch self {
        case .real(let a): return a.rows
        case .complex(let c): return c.rows
        case .halfSpectrum(let c, _): return c.rows
        case .singleReal(let a): return a.rows
        case .interleavedHalfSpectrum(let c, _): return c.rows
        case .singleHalfSpectrum(let c, _): return c.rows
        case .singleComplex(let c): return c.rows
        }
    }

    /// True for the packed forms (float32 values, interleaved spectra).
    public var isPacked: Bool {
        switch self {
        case .singleReal, .interleavedHalfSpectrum, .singleHalfSpectrum, .singleComplex: return true
        case .real, .complex, .halfSpectrum: return false
        }
    }

    /// The same values in a canonical form: double precision, split complex arrays (itself when already canonical).
    public func canonical() -> Signal {
        switch self {
        case .real, .complex, .halfSpectrum: return self
        case .singleReal(let a):
            return .real(Array2D(rows: a.rows, columns: a.columns, values: ElementwiseKernels.widened(a.values)))
        case .interleavedHalfSpectrum(let c, let n): return .halfSpectrum(c.split(), length: n)
        case .singleHalfSpectrum(let c, let n): return .halfSpectrum(c.split(), length: n)
        case .singleComplex(let c): return .complex(c.split())
        }
    }

    /// Columns as the graph sees them (a half spectrum counts its full length, as numpy's `fft` output would).
    public var columns: Int {
        switch self {
        case .real(let a): return a.columns
        case .complex(let c): return c.columns
        case .halfSpectrum(_, let length), .interleavedHalfSpectrum(_, let length), .singleHalfSpectrum(_, let length):
            return length
        case .singleReal(let a): return a.columns
        case .singleComplex(let c): return c.columns
        }
    }

    public var isComplex: Bool {
        switch self {
        case .real, .singleReal: return false
        case .complex, .halfSpectrum, .interleavedHalfSpectrum, .singleHalfSpectrum, .singleComplex: return true
        }
    }

    /// The full two-sided complex array (a half spectrum is completed by conjugate symmetry; real data get a zero
    /// imaginary part).
    public func fullComplex() -> ComplexArray2D {
        switch self {
        case .complex(let c): return c
        case .real(let a):
            return ComplexArray2D(rows: a.rows, columns: a.columns, real: a.values,
                                  imaginary: [Double](repeating: 0, count: a.values.count))
        case .halfSpectrum(let half, let n):
            let full = ElementwiseKernels.twoSided(half.real, half.imaginary, rows: half.rows, length: n)
            return ComplexArray2D(rows: half.rows, columns: n, real: full.re, imaginary: full.im)
        case .singleReal, .interleavedHalfSpectrum, .singleHalfSpectrum, .singleComplex:
            return canonical().fullComplex()
        }
    }

    /// Rows `range` (a channel block).
    public func rows(_ range: Range<Int>) -> Signal {
        switch self {
        case .real(let a): return .real(a.rows(range))
        case .complex(let c): return .complex(c.rows(range))
        case .halfSpectrum(let c, let n): return .halfSpectrum(c.rows(range), length: n)
        case .singleReal(let a): return .singleReal(a.rows(range))
        case .interleavedHalfSpectrum(let c, let n): return .interleavedHalfSpectrum(c.rows(range), length: n)
        case .singleHalfSpectrum(let c, let n): return .singleHalfSpectrum(c.rows(range), length: n)
        case .singleComplex(let c): return .singleComplex(c.rows(range))
        }
    }

    /// Blocks of rows stacked back into one signal (all of the same case and columns; packed blocks are stacked in
    /// their canonical form).
    public static func stacking(_ blocks: [Signal]) -> Signal {
        guard let first = blocks.first else { return .real(Array2D(rows: 0, columns: 0, values: [])) }
        // float32 blocks (a float32 graph's writer input) stay float32.
        let single = blocks.compactMap { if case .singleReal(let b) = $0 { return b } else { return nil } }
        if single.count == blocks.count {
            return .singleReal(Array2D(rows: single.map(\.rows).reduce(0, +), columns: single[0].columns,
                                       values: single.flatMap(\.values)))
        }
        if first.isPacked { return stacking(blocks.map { $0.canonical() }) }
        switch first {
        case .real(let a):
            let values = blocks.flatMap { if case .real(let b) = $0 { return b.values } else { return [] } }
            return .real(Array2D(rows: values.count / max(1, a.columns), columns: a.columns, values: values))
        case .complex, .halfSpectrum, .singleReal, .interleavedHalfSpectrum, .singleHalfSpectrum, .singleComplex:
            let parts = blocks.map { block -> ComplexArray2D in
                switch block.canonical() {
                case .complex(let c), .halfSpectrum(let c, _): return c
                case let other: return other.fullComplex()
                }
            }
            let stacked = ComplexArray2D(rows: parts.map(\.rows).reduce(0, +), columns: parts[0].columns,
                                         real: parts.flatMap(\.real), imaginary: parts.flatMap(\.imaginary))
            if case .halfSpectrum(_, let n) = first { return .halfSpectrum(stacked, length: n) }
            return .complex(stacked)
        }
    }

}

extension ComplexArray2D {
    public func rows(_ range: Range<Int>) -> ComplexArray2D {
        let slice = (range.lowerBound * columns)..<(range.upperBound * columns)
        return ComplexArray2D(rows: range.count, columns: columns, real: Array(real[slice]),
                              imaginary: Array(imaginary[slice]))
    }

    /// |z| of every element.
    public var magnitude: Array2D<Double> {
        Array2D(rows: rows, columns: columns, values: zip(real, imaginary).map { ($0 * $0 + $1 * $1).squareRoot() })
    }
}

extension Signal {
    /// Bytes the values hold (for the notes on transfers between host and device).
    public var byteCount: Int {
        switch self {
        case .real(let a): return a.values.count * 8
        case .complex(let c), .halfSpectrum(let c, _): return c.real.count * 16
        case .singleReal(let a): return a.values.count * 4
        case .interleavedHalfSpectrum(let c, _): return c.pairs.count * 8
        case .singleHalfSpectrum(let c, _), .singleComplex(let c): return c.pairs.count * 4
        }
    }
}

extension Signal {
    /// An empty signal: what `takeReal`/`takeSingleReal` leave behind.
    static var emptied: Signal { .real(Array2D(rows: 0, columns: 0, values: [])) }

    /// The float64 values moved out (nil, and the signal unchanged, when it holds something else). The signal no
    /// longer refers to them, so when it was their only holder the caller now is, and a write does not copy.
    public mutating func takeReal() -> Array2D<Double>? {
        guard case .real(let values) = self else { return nil }
        self = Self.emptied
        return values
    }

    /// `takeReal` for a full complex array.
    public mutating func takeComplex() -> ComplexArray2D? {
        guard case .complex(let values) = self else { return nil }
        self = Self.emptied
        return values
    }

    /// `takeReal` for float32 values.
    public mutating func takeSingleReal() -> Array2D<Float>? {
        guard case .singleReal(let values) = self else { return nil }
        self = Self.emptied
        return values
    }
}

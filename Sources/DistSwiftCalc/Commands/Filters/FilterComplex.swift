import Foundation

/// A complex number for filter design in the s- and z-planes. The package has no complex scalar type (signals are
/// split real/imaginary arrays), and the design only needs the arithmetic below on a few dozen poles and zeros.
struct FilterComplex: Sendable, Equatable {
    var re: Double
    var im: Double

    init(_ re: Double, _ im: Double = 0) {
        self.re = re
        self.im = im
    }

    static let zero = FilterComplex(0)
    static let one = FilterComplex(1)

    /// e^{iθ}.
    static func unit(_ theta: Double) -> FilterComplex { FilterComplex(cos(theta), sin(theta)) }

    var magnitude: Double { hypot(re, im) }
    var conjugate: FilterComplex { FilterComplex(re, -im) }

    /// The principal square root, as numpy's `sqrt` of a complex (branch cut along the negative real axis).
    var squareRoot: FilterComplex {
        let r = magnitude
        if r == 0 { return .zero }
        let real = ((r + abs(re)) / 2).squareRoot()
        // Computing the larger part first and dividing for the other avoids cancellation in r - |re|.
        if re >= 0 { return FilterComplex(real, im / (2 * real)) }
        return FilterComplex(abs(im) / (2 * real), (im.sign == .minus ? -1 : 1) * real)
    }

    static func + (a: FilterComplex, b: FilterComplex) -> FilterComplex { FilterComplex(a.re + b.re, a.im + b.im) }
    static func - (a: FilterComplex, b: FilterComplex) -> FilterComplex { FilterComplex(a.re - b.re, a.im - b.im) }
    static prefix func - (a: FilterComplex) -> FilterComplex { FilterComplex(-a.re, -a.im) }

    static func * (a: FilterComplex, b: FilterComplex) -> FilterComplex {
        FilterComplex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }

    static func * (a: Double, b: FilterComplex) -> FilterComplex { FilterComplex(a * b.re, a * b.im) }

    static func / (a: FilterComplex, b: FilterComplex) -> FilterComplex {
        // Smith's algorithm: scaling by the larger component of b avoids overflow for large |b|.
        if abs(b.re) >= abs(b.im) {
            let ratio = b.im / b.re, denominator = b.re + b.im * ratio
            return FilterComplex((a.re + a.im * ratio) / denominator, (a.im - a.re * ratio) / denominator)
        }
        let ratio = b.re / b.im, denominator = b.re * ratio + b.im
        return FilterComplex((a.re * ratio + a.im) / denominator, (a.im * ratio - a.re) / denominator)
    }

    static func / (a: Double, b: FilterComplex) -> FilterComplex { FilterComplex(a) / b }
}

extension Array where Element == FilterComplex {
    var product: FilterComplex { reduce(FilterComplex.one, *) }
}

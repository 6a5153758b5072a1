import DistSwiftIO
import Foundation

/// A window as `scipy.signal.get_window` makes it: a name, or a name with its parameter (`["tukey", 0.25]`, as
/// DASCore passes `("tukey", 0.25)`), symmetric (`fftbins=False`, DASCore's stft) or periodic (`fftbins=True`,
/// scipy's spectrogram).
struct ScipyWindow: Sendable, Equatable, CustomStringConvertible {
    static let names = ["hann", "hamming", "blackman", "bartlett", "triang", "boxcar", "tukey"]

    let name: String
    /// Tukey's alpha (scipy's default for `get_window("tukey", n)` is 0.5).
    let alpha: Double

    /// Reads `parameter`: a name or [name, alpha]; the problem names the key, the value and the fix.
    init(_ value: JSONValue?, parameter: String) throws {
        let fix = "give one of " + Self.names.map { "\"\($0)\"" }.joined(separator: ", ")
            + ", or [\"tukey\", alpha] with 0 ≤ alpha ≤ 1"
        switch value {
        case .string(let s)?:
            name = s
            alpha = 0.5
        case .array(let items)? where items.count == 2:
            guard case .string(let s) = items[0], case .number(let a) = items[1], s == "tukey", (0...1).contains(a) else {
                throw ParameterProblem(parameter, "is \(value!.compactDescription) but a window with a parameter "
                                       + "must be [\"tukey\", alpha]", fix: fix)
            }
            name = s
            alpha = a
        default:
            throw ParameterProblem(parameter, "is \(value?.compactDescription ?? "missing") but must be a window name",
                                   fix: fix)
        }
        guard Self.names.contains(name) else {
            throw ParameterProblem(parameter, "is \"\(name)\", not a window distswift knows", fix: fix)
        }
    }

    var description: String { name == "tukey" ? "(\"tukey\", \(alpha))" : "\"\(name)\"" }

    /// `get_window(self, length, fftbins=periodic)`.
    func values(_ length: Int, periodic: Bool) -> [Double] {
        guard length > 0 else { return [] }
        // scipy's periodic window is the symmetric one of length + 1 without its last sample.
        let m = periodic ? length + 1 : length
        var w: [Double]
        switch name {
        case "tukey": w = Self.tukey(m, alpha: alpha)
        default: w = WindowFunction(rawValue: name)!.values(m)
        }
        if periodic { w.removeLast() }
        return w
    }

    /// `scipy.signal.windows.tukey(m, alpha, sym=True)`.
    static func tukey(_ m: Int, alpha: Double) -> [Double] {
        if alpha <= 0 || m <= 1 { return [Double](repeating: 1, count: m) }
        if alpha >= 1 { return WindowFunction.hann.values(m) }
        let last = Double(m - 1)
        let width = Int((alpha * last / 2).rounded(.down))
        return (0..<m).map { k in
            let n = Double(k)
            if k <= width { return 0.5 * (1 + cos(.pi * (-1 + 2 * n / alpha / last))) }
            if k >= m - width - 1 { return 0.5 * (1 + cos(.pi * (-2 / alpha + 1 + 2 * n / alpha / last))) }
            return 1
        }
    }
}

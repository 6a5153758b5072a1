/// What `istft` needs to invert `stft`, carried on the axes of the transform's output like DASCore's `_stft_*`
/// attributes: the window's samples, the hop and whether each window was detrended (then no inverse exists).
public struct ShortTimeTransform: Sendable, Equatable {
    /// The window applied to each segment (its length is the segment and DFT length).
    public var window: [Double]
    /// Samples between window centres.
    public var hop: Int
    public var detrended: Bool

    public init(window: [Double], hop: Int, detrended: Bool) {
        self.window = window
        self.hop = hop
        self.detrended = detrended
    }

    /// scipy's `m_num_mid`: the window sample that sits on the window's time (centre).
    public var middle: Int { window.count / 2 }
}

import Foundation

/// Wall-clock time as nanoseconds since the Unix epoch: the one clock that controller and workers share.
public enum WallClock {
    public static var nowNs: Int64 { Int64((Date().timeIntervalSince1970 * 1e9).rounded()) }
}

/// The distswift version, recorded in every store manifest and printed by `distswift --version`.
public enum DistSwiftVersion {
    public static let current = "0.1.0"
}

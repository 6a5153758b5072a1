import DistSwiftNative

/// A PRODML file whose `/Acquisition` holds processed products (`Processed/Fbe[n]` band energies,
/// `Processed/Spectra[n]`, or another processed group) and no raw `Raw[n]/RawData`. Such a file is not a time series
/// of samples: reading its band energies as one (the `hdf5_layout` a user would be told to write) gives plausible but
/// meaningless chunks, so `info` names what it holds and `ingest` refuses it with the way forward (`distswift fbe`
/// converts FBE files into per-chunk band arrays). A file with Raw data as well is ingested from its Raw groups.
public struct PRODMLProcessedProduct: Sendable, Equatable {
    /// What the file holds, e.g. "PRODML processed FBE: 5 bands (-0.49–1.46 Hz, …), 453 times at 0.195 Hz, 301 loci".
    public let description: String
    /// Whether the product is band energies, which `distswift fbe` converts.
    public let isFBE: Bool

    /// The processed product of the file at `path` when it has one and no raw data; nil otherwise.
    public static func detect(path: String) -> PRODMLProcessedProduct? {
        guard HDF5File.isHDF5(path), let file = try? HDF5File.open(path) else { return nil }
        return detect(in: file)
    }

    public static func detect(in file: HDF5File) -> PRODMLProcessedProduct? {
        guard PRODMLRawGroup.rawGroups(in: file).isEmpty, file.exists("/Acquisition/Processed"),
              let members = try? file.members(of: "/Acquisition/Processed"), !members.isEmpty
        else { return nil }
        if let fbe = try? PRODMLFBEFile(file: file) {
            return PRODMLProcessedProduct(description: fbe.summary, isFBE: true)
        }
        let names = members.map(\.name).sorted()
        let kind = names.contains { $0.hasPrefix("Spectra") } ? "spectra (frequency × locus per time)"
            : names.contains { $0.hasPrefix("Fbe") } ? "FBE groups distswift cannot read (no FbeData/FbeDataTime)"
            : "products (" + names.joined(separator: ", ") + ")"
        return PRODMLProcessedProduct(description: "PRODML processed \(kind), no raw data", isFBE: false)
    }

    /// The refusal `ingest` gives for this file.
    public func refusal(path: String) -> RecordError {
        RecordError(file: path, problem: "is a \(description): processed products of the interrogator, not raw "
            + "samples along time; ingesting them as a time series would give plausible but meaningless chunks",
            fix: isFBE
                ? "convert the band energies into per-chunk band arrays (write_npy's layout, which `distswift stack` "
                    + "joins into the arrays `distswift plot` draws): `distswift fbe \(path) --out FOLDER`"
                : "ingest the raw recording of the same acquisition (a PRODML file with /Acquisition/Raw[n]/RawData)")
    }
}

import DistSwiftIO

extension StackedRun {
    /// Writes the stacked curves as one PRODML 2.0 processed-FBE HDF5 file, one band per curve (its frequency
    /// band read from the mnemonic), atomically: the file appears under its name only when complete.
    public func writePRODML(to location: any StorageLocation, path: String) throws {
        let bands = zip(curves, arrays).map { curve, array in
            let band = FBEBand(mnemonic: curve.mnemonic, description: curve.description)
            return PRODMLFBEBand(name: curve.mnemonic, description: curve.description, unit: curve.unit,
                                 startFrequencyHz: band.startHz, endFrequencyHz: band.endHz, values: array)
        }
        try PRODMLFBEWriter.write(to: location, path: path, depth: depth, depthUnit: depthUnit, timesNs: timesNs,
                                  bands: bands)
    }
}

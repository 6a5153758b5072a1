import CDistShims
import CHDF5

/// HDF5 dimension scales (the high-level H5DS library): how netCDF4 files name the axes of their variables. A
/// netCDF4 reader (netCDF-C, h5netcdf/xarray) finds a variable's dimensions through the scales attached to it.
extension HDF5Dataset {
    /// Makes this data set a dimension scale called `name`.
    public func makeDimensionScale(name: String) throws {
        HDF5.silence()
        if H5DSset_scale(handle.id, name) < 0 {
            throw NativeError("HDF5 dimension scale \(name)", path: path, detail: HDF5.lastErrorMessage())
        }
    }

    /// Attaches the dimension scale `scale` to axis `axis` of this data set.
    public func attach(scale: HDF5Dataset, axis: Int) throws {
        HDF5.silence()
        if H5DSattach_scale(handle.id, scale.handle.id, UInt32(axis)) < 0 {
            throw NativeError("HDF5 attach \(scale.name) to \(name)", path: path, detail: HDF5.lastErrorMessage())
        }
    }
}

extension HDF5File {
    /// Creates a scalar (rank-0) data set holding `value`.
    public func createScalar<T: HDF5Scalar>(_ datasetPath: String, _ value: T) throws -> HDF5Dataset {
        HDF5.silence()
        let space = try HDF5Handle(H5Screate(H5S_SCALAR), what: "create scalar space", path: path, closer: H5Sclose)
        let id = H5Dcreate2(handle.id, datasetPath, T.hdf5MemoryType, space.id, H5P_DEFAULT_ID, H5P_DEFAULT_ID,
                            H5P_DEFAULT_ID)
        let h = try HDF5Handle(id, what: "create data set \(datasetPath)", path: path, closer: H5Dclose)
        var v = value
        if H5Dwrite(h.id, T.hdf5MemoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT_ID, &v) < 0 {
            throw NativeError("HDF5 write \(datasetPath)", path: path, detail: HDF5.lastErrorMessage())
        }
        return HDF5Dataset(file: self, name: datasetPath, handle: h)
    }
}

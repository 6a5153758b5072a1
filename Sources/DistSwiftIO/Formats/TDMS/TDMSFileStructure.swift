import DistSwiftNative

/// Everything the lead-ins and metadata of a TDMS file say, segment by segment, without reading any raw data.
///
/// A segment inherits from the one before it: without the metadata flag it repeats the previous segment's objects
/// and indices exactly; with metadata but without the "new object list" flag, its objects are the previous list
/// with the listed ones changed or appended; an index of 0 means "as in the previous segment". This type replays
/// those rules over the whole file so that every segment's raw data can be located on its own.
///
/// A file that ends early (interrupted recording, copy cut short) is read up to what it holds completely: earlier
/// segments, and the complete rows (interleaved) or chunks (contiguous) of the segment it ends in; what is missing
/// is described by `incompleteEnd`. That is unambiguous because only the last segment can be incomplete and its
/// metadata, when present, says exactly what a row or chunk is. Anything inconsistent before the end (a missing
/// tag, a complete segment that is not a whole number of rows or chunks, metadata running past the raw data) is
/// refused, naming the segment.
struct TDMSFileStructure: Sendable {
    let fileSize: Int
    /// Every object in order of first appearance, with its properties as the last segment leaves them.
    let objects: [TDMSObject]
    let segments: [TDMSSegment]
    /// Nil when every segment is complete.
    let incompleteEnd: TDMSIncompleteEnd?

    init(file: NativeFile, path: String) throws {
        let size: Int
        do { size = try file.size() } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)")
        }
        guard size > 0 else { throw RecordError(file: path, problem: "is empty", fix: "the file is not a TDMS record") }
        var replay = Replay()
        var segments: [TDMSSegment] = []
        var incompleteEnd: TDMSIncompleteEnd?
        var position = 0
        while position < size, incompleteEnd == nil {
            do {
                let (segment, end) = try replay.segment(number: segments.count, at: position, file: file,
                                                        fileSize: size)
                if let segment { segments.append(segment) }
                incompleteEnd = end
                position = segment.map { Self.end(of: $0, fileSize: size) } ?? size
            } catch let error as TDMSFormatError {
                throw RecordError(file: path, problem: "segment \(segments.count) (at byte \(position)) "
                    + error.problem, fix: error.fix)
            } catch let error as NativeError {
                throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                                  fix: "check that the file exists, is readable and is complete")
            }
        }
        fileSize = size
        objects = replay.objects
        self.segments = segments
        self.incompleteEnd = incompleteEnd
    }

    /// The byte after `segment`: where the next segment starts, or the end of the file for the last one.
    private static func end(of segment: TDMSSegment, fileSize: Int) -> Int {
        guard let length = segment.leadIn.segmentLength,
              length <= UInt64(fileSize - segment.offset - TDMSLeadIn.byteCount)
        else { return fileSize }
        return segment.offset + TDMSLeadIn.byteCount + Int(length)
    }

    /// The state carried from one segment to the next: the objects seen so far, each object's last raw data index,
    /// and the current object list with which of its objects have values.
    private struct Replay {
        var objects: [TDMSObject] = []
        var objectNumbers: [TDMSObjectPath: Int] = [:]
        var lastIndex: [TDMSObjectPath: (type: TDMSDataType, count: Int)] = [:]
        var list: [(path: TDMSObjectPath, data: (type: TDMSDataType, count: Int)?)] = []
        var listPositions: [TDMSObjectPath: Int] = [:]

        /// Reads the segment at `position`. Returns the segment (nil when the file ends before its metadata is
        /// complete, so nothing of it can be read) and, when the file ends inside it, how.
        mutating func segment(number: Int, at position: Int, file: NativeFile, fileSize: Int) throws
            -> (TDMSSegment?, TDMSIncompleteEnd?)
        {
            let available = fileSize - position
            guard available >= TDMSLeadIn.byteCount else {
                // A partial lead-in: the writer stopped while starting a segment. Read the segments before it, but
                // only if these bytes really are the start of a lead-in, not garbage after the last segment.
                let head = try file.readBytes(at: position, count: available)
                guard number > 0 else {
                    throw TDMSFormatError("is \(available) bytes, shorter than the \(TDMSLeadIn.byteCount)-byte "
                        + "TDMS lead-in", fix: "the file is truncated or not TDMS")
                }
                guard Array(TDMSLeadIn.tag.prefix(head.count)) == Array(head.prefix(4)) else {
                    throw TDMSFormatError("is \(available) bytes that are not the start of a TDMS lead-in",
                                          fix: "the file is corrupt")
                }
                return (nil, TDMSIncompleteEnd(segment: number, offset: position, part: .leadIn,
                                               declaredRawBytes: nil, interleaved: false, droppedBytes: available))
            }
            let leadIn = try TDMSLeadIn(bytes: file.readBytes(at: position, count: TDMSLeadIn.byteCount))
            if leadIn.contents.contains(.daqmxRawData) {
                throw TDMSFormatError("holds DAQmx raw data (NI-DAQmx scalers), which distswift does not read",
                                      fix: "convert the file to plain channel data with NI's tools first")
            }
            let afterLeadIn = available - TDMSLeadIn.byteCount
            // Where the writer said the segment ends; beyond the file (or never written) means the file ends inside it.
            let declaredLength = leadIn.segmentLength.flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil }
            let segmentComplete = declaredLength.map { $0 <= afterLeadIn } ?? false
            guard leadIn.rawDataOffset <= UInt64(afterLeadIn) else {
                // The metadata is cut: nothing of this segment can be located.
                guard number > 0 else {
                    throw TDMSFormatError("ends inside its metadata: the lead-in puts the raw data "
                        + "\(leadIn.rawDataOffset) bytes after it, but the file holds only \(afterLeadIn) more bytes",
                        fix: "the file is truncated; copy it again")
                }
                return (nil, TDMSIncompleteEnd(segment: number, offset: position, part: .metadata,
                                               declaredRawBytes: nil, interleaved: false, droppedBytes: available))
            }
            let metadataLength = Int(leadIn.rawDataOffset)
            if leadIn.contents.contains(.metadata) {
                let bytes = try file.readBytes(at: position + TDMSLeadIn.byteCount, count: metadataLength)
                var cursor = TDMSByteCursor(bytes, order: leadIn.order)
                try apply(TDMSSegmentMetadata(&cursor), newList: leadIn.contents.contains(.newObjectList))
            } else if number == 0 {
                throw TDMSFormatError("has no metadata, and no earlier segment it could take its channels from",
                                      fix: "the file is corrupt or not the first part of a TDMS file")
            }
            let rawDataStart = position + TDMSLeadIn.byteCount + metadataLength
            let segmentEnd = segmentComplete ? position + TDMSLeadIn.byteCount + declaredLength! : fileSize
            let presentBytes = segmentEnd - rawDataStart
            let channels = leadIn.contents.contains(.rawData)
                ? list.compactMap { entry in
                    entry.data.flatMap { $0.count > 0 ? TDMSChannelData(path: entry.path, type: $0.type,
                                                                          valuesPerChunk: $0.count) : nil }
                }
                : []
            let (layout, dropped) = try Self.layout(
                of: channels, interleaved: leadIn.contents.contains(.interleavedData),
                presentBytes: leadIn.contents.contains(.rawData) ? presentBytes : 0, complete: segmentComplete)
            let segment = TDMSSegment(number: number, offset: position, leadIn: leadIn, rawDataStart: rawDataStart,
                                      channels: channels, layout: layout)
            guard !segmentComplete else { return (segment, nil) }
            return (segment, TDMSIncompleteEnd(
                segment: number, offset: position, part: .rawData,
                declaredRawBytes: declaredLength.map { $0 - metadataLength },
                interleaved: leadIn.contents.contains(.interleavedData), droppedBytes: dropped))
        }

        /// Applies one segment's metadata to the object list and the objects' properties.
        private mutating func apply(_ metadata: TDMSSegmentMetadata, newList: Bool) throws {
            if newList {
                list.removeAll(keepingCapacity: true)
                listPositions.removeAll(keepingCapacity: true)
            }
            for entry in metadata.objects {
                if objectNumbers[entry.path] == nil {
                    objectNumbers[entry.path] = objects.count
                    objects.append(TDMSObject(path: entry.path))
                }
                let number = objectNumbers[entry.path]!
                for property in entry.properties { objects[number].set(property.name, property.value) }
                let data: (type: TDMSDataType, count: Int)?
                switch entry.rawData {
                case .none:
                    data = nil
                case .sameAsPrevious:
                    guard let previous = lastIndex[entry.path] else {
                        throw TDMSFormatError("says \(entry.path) has the same raw data index as before, but no "
                            + "earlier segment gave it one", fix: "the file is corrupt")
                    }
                    data = previous
                case .values(let type, let count):
                    if let previous = lastIndex[entry.path], previous.type != type {
                        throw TDMSFormatError("changes the data type of \(entry.path) from \(previous.type.name) to "
                            + "\(type.name), which TDMS does not allow", fix: "the file is corrupt")
                    }
                    data = (type, count)
                }
                if let data { lastIndex[entry.path] = data }
                if let i = listPositions[entry.path] {
                    list[i].data = data
                } else {
                    listPositions[entry.path] = list.count
                    list.append((entry.path, data))
                }
            }
        }

        /// The complete rows or chunks among `presentBytes` of raw data, and the bytes left over. A complete segment
        /// must have none left over: its metadata would then not describe its data.
        private static func layout(of channels: [TDMSChannelData], interleaved: Bool, presentBytes: Int,
                                   complete: Bool) throws -> (TDMSRawLayout, dropped: Int)
        {
            guard !channels.isEmpty else {
                if presentBytes > 0 && complete {
                    throw TDMSFormatError("holds \(presentBytes) bytes of raw data but no channel has values in it",
                                          fix: "the file is corrupt")
                }
                return (.contiguous(chunkBytes: 0, chunks: 0), presentBytes)
            }
            if interleaved {
                let counts = Set(channels.map(\.valuesPerChunk))
                guard counts.count == 1 else {
                    throw TDMSFormatError("is interleaved but gives its channels different numbers of values "
                        + "(\(counts.sorted().map(String.init).joined(separator: ", "))), so its rows are undefined",
                        fix: "the file is corrupt")
                }
                let rowBytes = channels.reduce(0) { $0 + $1.type.byteWidth }
                let (rows, dropped) = presentBytes.quotientAndRemainder(dividingBy: rowBytes)
                if complete && dropped != 0 {
                    throw TDMSFormatError("holds \(presentBytes) bytes of interleaved raw data, not a whole number of "
                        + "\(rowBytes)-byte rows (\(channels.count) channels)", fix: "the file is corrupt")
                }
                return (.interleaved(rowBytes: rowBytes, rows: rows), dropped)
            }
            var chunkBytes = 0
            for channel in channels {
                let (bytes, overflow1) = channel.valuesPerChunk.multipliedReportingOverflow(by: channel.type.byteWidth)
                let (sum, overflow2) = chunkBytes.addingReportingOverflow(bytes)
                guard !overflow1, !overflow2 else {
                    throw TDMSFormatError("declares more values than any file can hold", fix: "the file is corrupt")
                }
                chunkBytes = sum
            }
            let (chunks, dropped) = presentBytes.quotientAndRemainder(dividingBy: chunkBytes)
            if complete && dropped != 0 {
                throw TDMSFormatError("holds \(presentBytes) bytes of raw data, not a whole number of the "
                    + "\(chunkBytes)-byte chunks its metadata describes", fix: "the file is corrupt")
            }
            return (.contiguous(chunkBytes: chunkBytes, chunks: chunks), dropped)
        }
    }
}

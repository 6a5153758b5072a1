import DistSwiftIO
import DistSwiftTestSupport
import Testing

@Suite("Channel blocks (BOX_SIZE)")
struct ChannelBlocksTests {
    @Test("BOX_SIZE > 0 is that many channels, 0 or less the whole chunk, left out cache-sized blocks")
    func parsed() throws {
        let folder = try TemporaryFolder()
        func blocks(_ entry: String) throws -> ChannelBlocks {
            let path = try folder.write("system.json", #"{"in_directory": "in", "out_directory": "out"\#(entry)}"#)
            return try SystemConfig.load(path: path).channelBlocks
        }
        #expect(try blocks(#", "BOX_SIZE": 64"#) == .channels(64))
        #expect(try blocks(#", "BOX_SIZE": 0"#) == .wholeChunk)
        #expect(try blocks(#", "BOX_SIZE": -3"#) == .wholeChunk)
        #expect(try blocks("") == .cacheSized)
        #expect(try blocks(#", "BOX_SIZE": null"#) == .cacheSized)
        // Fingerprints keep the forms journalled before cache-sized blocks ("whole", the channel count).
        #expect(ChannelBlocks.wholeChunk.fingerprint == "whole" && ChannelBlocks.channels(64).fingerprint == "64")
        #expect(ChannelBlocks.cacheSized.fingerprint == "cache-sized-524288")
    }

    @Test("cache-sized blocks hold about 512 Ki values, at least 8 channels and 4 channel halos, at most the chunk")
    func cacheSized() {
        let auto = ChannelBlocks.cacheSized
        // 1000 × 10,000 (1 s at 10 kHz): 52 channels of 10,000 samples = 520,000 values.
        #expect(auto.channelsPerBlock(channels: 1000, samples: 10_000, halo: 0) == 52)
        // A time halo makes the rows longer, so fewer of them.
        #expect(auto.channelsPerBlock(channels: 1000, samples: 12_000, halo: 0) == 43)
        // Long rows: never fewer than 8 channels; a channel halo of 2 × 10: at least 80.
        #expect(auto.channelsPerBlock(channels: 1000, samples: 1_000_000, halo: 0) == 8)
        #expect(auto.channelsPerBlock(channels: 1000, samples: 10_000, halo: 20) == 80)
        // Short chunks: the whole chunk when it fits.
        #expect(auto.channelsPerBlock(channels: 300, samples: 1000, halo: 0) == 300)
        #expect(auto.channelsPerBlock(channels: 0, samples: 10_000, halo: 0) == 1)
        #expect(ChannelBlocks.channels(500).channelsPerBlock(channels: 200, samples: 10, halo: 0) == 200)
        #expect(ChannelBlocks.channels(500).channelsPerBlock(channels: 2000, samples: 10, halo: 50) == 500)
        #expect(ChannelBlocks.wholeChunk.channelsPerBlock(channels: 2000, samples: 10, halo: 0) == 2000)
        // On a GPU or from S3 the default is distpy's 500 channels; a BOX_SIZE the config gives stays.
        #expect(auto.withoutCacheSizing == .channels(500) && ChannelBlocks.channels(64).withoutCacheSizing == .channels(64)
                && ChannelBlocks.wholeChunk.withoutCacheSizing == .wholeChunk)
    }
}

import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("System config")
struct SystemConfigTests {
    @Test("distpy's example config maps to {in_drive}/{project}/{data} and {out_drive}/{project}/{results}")
    func distpyExample() throws {
        let folder = try TemporaryFolder()
        // config_examples/strainrate2fbeConfig.json from distpy, unchanged.
        let path = try folder.write("strainrate2fbeConfig.json", """
            {
                "in_drive": "/scratch/myusername",
                "out_drive": "/home/projects/",
                "project": "2020prj0001",
                "data": "sgy_data",
                "results": "witsml",
                "parallel_flag": 1,
                "ncpu": 32,
                "measured_depth": "measured_depth.npy",
                "prf": 10000,
                "BOX_SIZE": 500,
                "config": "/home/projects/2020prj0001/config/strainrate2noiselog.json"
            }
            """)
        let config = try SystemConfig.load(path: path)
        #expect(config.input.description == "/scratch/myusername/2020prj0001/sgy_data")
        #expect(config.output.description == "/home/projects/2020prj0001/witsml")
        #expect(config.parallel && config.workerCount == 32)
        #expect(config.channelBlocks == .channels(500) && config.prf == 10000)
        #expect(config.measuredDepthFile == "measured_depth.npy")
        #expect(config.workflowFile == "/home/projects/2020prj0001/config/strainrate2noiselog.json")
    }

    @Test("relative paths resolve against the config file's folder, not the working directory")
    func relativePaths() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("cfg/system.json", """
            {"in_drive": "../archive", "out_drive": "work", "project": "p", "data": "d", "results": "r",
             "config": "graphs/noise.json"}
            """)
        let config = try SystemConfig.load(path: path)
        let root = URL(fileURLWithPath: folder.path).standardizedFileURL.path
        #expect(config.input.description == root + "/archive/p/d")
        #expect(config.output.description == root + "/cfg/work/p/r")
        #expect(config.workflowFile == root + "/cfg/graphs/noise.json")
        #expect(!config.parallel && config.workerCount == 1)
        #expect(config.prf == SystemConfig.defaultPRF)
    }

    /// Loads a config expected to fail and returns every problem reported.
    private func problems(_ json: String) throws -> [ConfigError] {
        let folder = try TemporaryFolder()
        let path = try folder.write("system.json", json)
        do {
            _ = try SystemConfig.load(path: path)
            Issue.record("accepted: \(json)")
            return []
        } catch let errors as ConfigErrors {
            for e in errors.errors { #expect(e.file.hasSuffix("system.json")) }
            return errors.errors
        } catch let error as ConfigError {
            #expect(error.file.hasSuffix("system.json"))
            return [error]
        }
    }

    @Test("an unknown key is an error that suggests the nearest known key")
    func unknownKey() throws {
        let found = try problems(#"{"in_drive": "a", "out_drive": "b", "project": "p", "data": "d", "results": "r", "ncpus": 4}"#)
        #expect(found.count == 1)
        #expect(found[0].key == "ncpus")
        #expect(found[0].description.contains("did you mean 'ncpu'"))
    }

    @Test("wrong types name the key and the expected type; all problems come at once")
    func wrongTypes() throws {
        let found = try problems(#"{"in_drive": "a", "out_drive": "b", "project": "p", "data": "d", "results": "r", "ncpu": "4", "prf": "10k", "BOX_SIZE": 2.5}"#)
        #expect(Set(found.compactMap(\.key)) == ["ncpu", "prf", "BOX_SIZE"])
        #expect(found.first { $0.key == "ncpu" }!.description.contains("whole number"))
        #expect(found.first { $0.key == "prf" }!.description.contains("must be a number"))
    }

    @Test("required keys: in_drive without the rest, or no location at all")
    func missingKeys() throws {
        let found = try problems(#"{"in_drive": "a", "project": "p"}"#)
        #expect(Set(found.compactMap(\.key)) == ["out_drive", "data", "results"])
        #expect(found[0].description.contains("required because in_drive is set"))
        let none = try problems(#"{"prf": 2000}"#)
        #expect(none.count == 1 && none[0].key == "in_drive")
    }

    @Test("values out of range are refused", arguments: [
        (#""ncpu": 0"#, "ncpu"), (#""prf": -5"#, "prf"), (#""prf": 0"#, "prf"),
    ])
    func ranges(entry: String, key: String) throws {
        let found = try problems(#"{"in_drive": "a", "out_drive": "b", "project": "p", "data": "d", "results": "r", "# + entry + "}")
        #expect(found.map(\.key) == [key])
    }

    @Test("a command graph or a plot list passed as a system config is recognised and the fix shown")
    func otherConfigKinds() throws {
        let graph = try problems(#"{"document": 0, "command_list": [{"name": "fft", "uid": 1, "in_uid": 0}]}"#)
        #expect(graph[0].description.contains("is a command graph"))
        #expect(graph[0].description.contains("\"config\""))
        let plots = try problems(#"{"figure_size": [8, 6], "plots": []}"#)
        #expect(plots[0].description.contains("plot list"))
    }

    @Test("invalid JSON and unreadable files name the file")
    func invalidJSON() throws {
        let found = try problems("{\"in_drive\": \"a\",\n \"ncpu\": 4,,\n}")
        #expect(found[0].description.contains("not valid JSON"))
        #expect(throws: ConfigError.self) { _ = try SystemConfig.load(path: "/nonexistent/system.json") }
    }

    @Test("object stores other than S3 are refused with a clear message; the s3 object's keys are checked")
    func objectStorage() throws {
        let found = try problems(#"{"in_drive": "gs://bucket/x", "out_drive": "b", "project": "p", "data": "d", "results": "r"}"#)
        #expect(found.map(\.key) == ["in_drive"])
        #expect(found[0].problem.contains("gs:// storage is not supported"))
        let s3 = try problems(#"{"in_directory": "s3://b/i", "out_directory": "o", "s3": {"endpoint": 1, "pathstyle": true}}"#)
        #expect(s3.map(\.key) == ["s3.endpoint", "s3.pathstyle"])
        #expect(s3[1].fix?.contains("path_style") == true)
    }

    @Test("keys starting with '_' and comment keys are allowed")
    func commentKeys() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("s.json", #"{"_note": 1, "comment": "x", "in_directory": "i", "out_directory": "o"}"#)
        #expect(try SystemConfig.load(path: path).input.description.hasSuffix("/i"))
    }

    @Test("name suggestions rank by edit distance")
    func suggestions() {
        #expect(NameSuggestion.nearest(to: "BOXSIZE", in: ["BOX_SIZE", "ncpu", "prf"]) == ["BOX_SIZE"])
        #expect(NameSuggestion.nearest(to: "zzzzzz", in: ["ncpu"]).isEmpty)
        #expect(NameSuggestion.distance("kitten", "sitting") == 3)
    }
}

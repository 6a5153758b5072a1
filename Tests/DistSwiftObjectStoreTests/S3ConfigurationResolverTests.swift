import DistSwiftObjectStore
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("S3 settings from the system config, the environment and AWS profiles")
struct S3ConfigurationResolverTests {
    @Test("environment variables: keys, session token, region, endpoint; path-style for a custom endpoint")
    func environment() throws {
        let c = try S3ConfigurationResolver.resolve(S3Settings(), environment: [
            "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK",
            "AWS_SESSION_TOKEN": "TOKEN", "AWS_DEFAULT_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://minio:9000",
        ])
        #expect(c.credentials == AWSCredentials(accessKeyID: "AK", secretAccessKey: "SK", sessionToken: "TOKEN",
                                                source: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY"))
        #expect(c.region == "eu-west-1" && c.endpoint.description == "http://minio:9000" && c.pathStyle)
        let aws = try S3ConfigurationResolver.resolve(S3Settings(region: "ca-central-1"), environment: [
            "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK",
            "AWS_REGION": "eu-west-1",
        ])
        #expect(aws.endpoint.description == "https://s3.ca-central-1.amazonaws.com" && !aws.pathStyle)
    }

    @Test("a named profile: credentials file, config file's [profile NAME] with a nested s3 block")
    func profile() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write(".aws/credentials", """
            [default]
            aws_access_key_id = DEFAULTKEY
            aws_secret_access_key = DEFAULTSECRET

            # the lab's store
            [lab]
            aws_access_key_id = LABKEY
            aws_secret_access_key = LAB/SECRET+=
            """)
        _ = try folder.write(".aws/config", """
            [profile lab]
            region = eu-north-1
            s3 =
                endpoint_url = https://store.lab.example:8443
                addressing_style = path
            """)
        let lab = try S3ConfigurationResolver.resolve(S3Settings(), environment: ["HOME": folder.path,
                                                                                  "AWS_PROFILE": "lab"])
        #expect(lab.credentials.accessKeyID == "LABKEY" && lab.credentials.secretAccessKey == "LAB/SECRET+=")
        #expect(lab.region == "eu-north-1" && lab.endpoint.description == "https://store.lab.example:8443")
        #expect(lab.pathStyle)
        // The system config's profile beats the environment's keys; with no profile named, the keys win.
        let environment = ["HOME": folder.path, "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "ENVSECRET"]
        #expect(try S3ConfigurationResolver.resolve(S3Settings(profile: "lab"), environment: environment)
            .credentials.accessKeyID == "LABKEY")
        #expect(try S3ConfigurationResolver.resolve(S3Settings(), environment: environment)
            .credentials.accessKeyID == "ENVKEY")
        #expect(try S3ConfigurationResolver.resolve(S3Settings(), environment: ["HOME": folder.path])
            .credentials.accessKeyID == "DEFAULTKEY")
    }

    @Test("missing credentials, an unknown profile and a bad endpoint are errors that say what to do")
    func errors() throws {
        #expect {
            try S3ConfigurationResolver.resolve(S3Settings(), environment: ["HOME": "/nonexistent"])
        } throws: { "\($0)".contains("no S3 credentials") && "\($0)".contains("AWS_ACCESS_KEY_ID") }
        #expect {
            try S3ConfigurationResolver.resolve(S3Settings(profile: "nope"), environment: ["HOME": "/nonexistent"])
        } throws: { "\($0)".contains("profile 'nope'") }
        #expect {
            try S3ConfigurationResolver.resolve(S3Settings(endpoint: "ftp://x"), environment: [
                "HOME": "/nonexistent", "AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "SK"])
        } throws: { "\($0)".contains("'ftp://x'") }
    }
}

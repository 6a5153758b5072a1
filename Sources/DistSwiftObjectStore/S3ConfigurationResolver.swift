import Foundation

/// The S3 settings a system config may give (its optional `s3` object); anything left out comes from the usual
/// AWS environment variables and profile files, as the AWS CLI would find it.
public struct S3Settings: Sendable, Equatable {
    public var endpoint: String?
    public var region: String?
    public var profile: String?
    public var pathStyle: Bool?

    public init(endpoint: String? = nil, region: String? = nil, profile: String? = nil, pathStyle: Bool? = nil) {
        self.endpoint = endpoint
        self.region = region
        self.profile = profile
        self.pathStyle = pathStyle
    }
}

/// Settings that do not add up to a usable S3 configuration (no credentials, an unknown profile, a bad endpoint).
public struct S3ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let problem: String
    public let fix: String
    public var description: String { "\(problem); \(fix)" }

    public init(problem: String, fix: String) {
        self.problem = problem
        self.fix = fix
    }
}

/// Finds endpoint, region, addressing style and credentials in the order the AWS CLI uses: the system config's
/// `s3` object first, then environment variables, then the profile in `~/.aws/credentials` and `~/.aws/config`.
/// Pure given `environment`: a worker process started with the controller's environment resolves the same.
public enum S3ConfigurationResolver {
    public static func resolve(_ settings: S3Settings, environment: [String: String]) throws -> S3Configuration {
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let home = variable("HOME") ?? NSHomeDirectory()
        let credentialsPath = variable("AWS_SHARED_CREDENTIALS_FILE") ?? home + "/.aws/credentials"
        let configPath = variable("AWS_CONFIG_FILE") ?? home + "/.aws/config"
        let explicitProfile = settings.profile ?? variable("AWS_PROFILE")
        let profileName = explicitProfile ?? "default"

        let credentialsFile = AWSSharedConfigFile.load(credentialsPath)
        let configFile = AWSSharedConfigFile.load(configPath)
        let fromCredentials = credentialsFile?.sections[profileName]
        let fromConfig = configFile?.sections[profileName == "default" ? "default" : "profile " + profileName]
            ?? configFile?.sections[profileName]
        if explicitProfile != nil && fromCredentials == nil && fromConfig == nil {
            throw S3ConfigurationError(
                problem: "the AWS profile '\(profileName)' is in neither \(credentialsPath) nor \(configPath)",
                fix: "add it there, or name an existing profile in s3.profile / AWS_PROFILE")
        }
        func profileValue(_ key: String) -> String? { fromCredentials?[key] ?? fromConfig?[key] }

        let credentials: AWSCredentials
        if settings.profile == nil, let id = variable("AWS_ACCESS_KEY_ID"),
           let secret = variable("AWS_SECRET_ACCESS_KEY") {
            credentials = AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                         sessionToken: variable("AWS_SESSION_TOKEN"),
                                         source: "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY")
        } else if let id = profileValue("aws_access_key_id"), let secret = profileValue("aws_secret_access_key") {
            credentials = AWSCredentials(accessKeyID: id, secretAccessKey: secret,
                                         sessionToken: profileValue("aws_session_token"),
                                         source: "profile '\(profileName)'")
        } else {
            throw S3ConfigurationError(
                problem: "no S3 credentials found (no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, "
                    + "no aws_access_key_id and aws_secret_access_key for profile '\(profileName)' in "
                    + "\(credentialsPath))",
                fix: "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with s3.profile / "
                    + "AWS_PROFILE")
        }

        let region = settings.region ?? variable("AWS_REGION") ?? variable("AWS_DEFAULT_REGION")
            ?? profileValue("region") ?? "us-east-1"
        let endpointText = settings.endpoint ?? variable("AWS_ENDPOINT_URL_S3") ?? variable("AWS_ENDPOINT_URL")
            ?? profileValue("s3.endpoint_url") ?? profileValue("endpoint_url")
        let endpoint: S3Endpoint
        if let endpointText {
            guard let parsed = S3Endpoint(endpointText) else {
                throw S3ConfigurationError(
                    problem: "the S3 endpoint '\(endpointText)' is not an http:// or https:// URL of a host",
                    fix: "write it like http://127.0.0.1:8333 or https://s3.eu-west-1.amazonaws.com")
            }
            endpoint = parsed
        } else {
            endpoint = .aws(region: region)
        }
        let addressing = profileValue("s3.addressing_style")
        // On-premise stores rarely have the wildcard DNS names virtual-hosted addressing needs.
        let pathStyle = settings.pathStyle ?? (addressing == "path" ? true : addressing == "virtual" ? false : nil)
            ?? !endpoint.isAWS
        return S3Configuration(endpoint: endpoint, region: region, pathStyle: pathStyle, credentials: credentials)
    }
}

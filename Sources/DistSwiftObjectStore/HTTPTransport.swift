import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and waits for the whole response. S3Client talks to the network only through this, so
/// tests can put a misbehaving server (one that answers a range request with 200) in front of it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: TimeInterval) throws -> HTTPResponse
}

/// The request never got an HTTP answer (connection refused or reset, time-out, DNS); S3Client retries these.
public struct HTTPTransportError: Error, CustomStringConvertible, Sendable {
    public let url: String
    public let detail: String
    public var description: String { "no answer from \(url): \(detail)" }
}

/// Foundation's URLSession (libcurl on Linux), made synchronous: distswift's storage protocol is synchronous and
/// its callers are worker processes doing one thing at a time. Connections are kept alive between requests.
public final class URLSessionTransport: HTTPTransport, @unchecked Sendable {
    // URLSession is thread-safe; @unchecked because Foundation on Linux does not mark it Sendable.
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: HTTPRequest, timeout: TimeInterval) throws -> HTTPResponse {
        guard let url = URL(string: request.urlString) else {
            throw HTTPTransportError(url: request.urlString, detail: "not a valid URL")
        }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        // Not signed: a compressed answer would change the byte counts of range reads.
        urlRequest.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        if request.method == "PUT" || request.method == "POST" {
            // An explicit (possibly empty) body: without one a PUT goes out with no Content-Length, which S3 refuses.
            urlRequest.httpBody = request.body
            urlRequest.setValue("", forHTTPHeaderField: "Expect")
        }

        final class Outcome: @unchecked Sendable {
            var data: Data?
            var response: URLResponse?
            var error: Error?
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            outcome.data = data
            outcome.response = response
            outcome.error = error
            done.signal()
        }
        task.resume()
        done.wait()

        if let error = outcome.error {
            throw HTTPTransportError(url: request.urlString, detail: error.localizedDescription)
        }
        guard let http = outcome.response as? HTTPURLResponse else {
            throw HTTPTransportError(url: request.urlString, detail: "the answer was not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: outcome.data ?? Data())
    }
}

// badtls adapter-protocol probe: Apple URLSession (docs/adapter-protocol.md).
//
// Reads one target (JSON) per line on stdin, GETs its url with URLSession, writes one result per
// line on stdout; `--version` prints one line and exits. Run it with the Swift interpreter:
//   badtls matrix --probe 'urlsession=swift urlsession_probe.swift' ...
//
// Verification is Security.framework's (SecTrustEvaluateWithError, with the platform's SSL
// policy for `host`) with the suite CA as the only anchor (SecTrustSetAnchorCertificatesOnly);
// its error's description is the error text. URLSession cannot connect a name to another
// address: the CI recipe writes the manifest's host names into /etc/hosts, and the probe says so
// when `host` does not resolve to `address`.
import Foundation
import Security

setvbuf(stdout, nil, _IOLBF, 0)

if CommandLine.arguments.dropFirst().first == "--version" {
    let os = ProcessInfo.processInfo.operatingSystemVersionString
    print("urlsession Foundation \(NSFoundationVersionNumber) (macOS \(os))")
    exit(0)
}

final class Trust: NSObject, URLSessionTaskDelegate {
    let anchor: SecCertificate
    var failure: String?
    init(anchor: SecCertificate) { self.anchor = anchor }

    func urlSession(_ session: URLSession, task: URLSessionTask,
                    didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        guard challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodServerTrust,
              let trust = challenge.protectionSpace.serverTrust else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        SecTrustSetAnchorCertificates(trust, [anchor] as CFArray)
        SecTrustSetAnchorCertificatesOnly(trust, true)
        var error: CFError?
        if SecTrustEvaluateWithError(trust, &error) {
            completionHandler(.useCredential, URLCredential(trust: trust))
        } else {
            failure = error.map { CFErrorCopyDescription($0) as String } ?? "SecTrustEvaluateWithError failed"
            completionHandler(.cancelAuthenticationChallenge, nil)
        }
    }
}

func anchor(_ path: String) -> SecCertificate? {
    guard let pem = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let body = pem.components(separatedBy: "\n").filter { !$0.hasPrefix("-----") }.joined()
    guard let der = Data(base64Encoded: body) else { return nil }
    return SecCertificateCreateWithData(nil, der as CFData)
}

func resolves(_ host: String, to address: String) -> Bool {
    var info: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, nil, nil, &info) == 0 else { return false }
    defer { freeaddrinfo(info) }
    var p = info
    while let a = p {
        var buf = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        if getnameinfo(a.pointee.ai_addr, a.pointee.ai_addrlen, &buf, socklen_t(buf.count), nil, 0, NI_NUMERICHOST) == 0,
           String(cString: buf) == address { return true }
        p = a.pointee.ai_next
    }
    return false
}

func emit(_ object: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: object), let text = String(data: data, encoding: .utf8) {
        print(text)
    }
}

while let line = readLine() {
    guard let data = line.data(using: .utf8),
          let t = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let id = t["id"] as? String, let url = (t["url"] as? String).flatMap(URL.init(string:)),
          let host = t["host"] as? String, let address = t["address"] as? String,
          let caFile = t["ca_file"] as? String else { continue }
    let timeout = Double((t["timeout_ms"] as? Int) ?? 4000) / 1000
    guard resolves(host, to: address) else {
        emit(["id": id, "ok": false, "error": "badtls probe: \(host) does not resolve to \(address) here: add it to /etc/hosts"])
        continue
    }
    guard let ca = anchor(caFile) else {
        emit(["id": id, "ok": false, "error": "badtls probe: cannot read the CA \(caFile)"])
        continue
    }
    let trust = Trust(anchor: ca)
    let config = URLSessionConfiguration.ephemeral
    config.timeoutIntervalForRequest = timeout
    config.timeoutIntervalForResource = timeout
    let session = URLSession(configuration: config, delegate: trust, delegateQueue: nil)
    let done = DispatchSemaphore(value: 0)
    var result: [String: Any] = ["id": id, "ok": false]
    session.dataTask(with: url) { _, response, error in
        if let error = error as NSError? {
            var text = "\(error.domain) \(error.code): \(error.localizedDescription)"
            if let why = trust.failure { text += " [SecTrust: \(why)]" }
            result["error"] = text
        } else if let http = response as? HTTPURLResponse {
            result["ok"] = true
            result["status"] = http.statusCode
        }
        done.signal()
    }.resume()
    done.wait()
    session.finishTasksAndInvalidate()
    emit(result)
}
exit(0)

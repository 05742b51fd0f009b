#pragma once
// A plain HTTP/1.1 client over loopback for the API tests: Poco's HTTPClientSession for
// ordinary requests, and a raw socket for requests a polite client would never send.
#include <map>
#include <string>
#include <vector>

namespace settlement::test {

struct HttpAnswer {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
};

// GET (or `method`) of `target` ("/v1/stats?..."), with "Authorization: Bearer <token>"
// when a token is given.
HttpAnswer httpGet(int port, const std::string& target, const std::string& token = "",
                   const std::string& method = "GET");
// The same over HTTPS, trusting any certificate (the tests make their own).
HttpAnswer httpsGet(int port, const std::string& target, const std::string& token = "");
// Sends `request` exactly as given and returns what came back until the server closed
// the connection or `timeoutMs` passed (status parsed from the first line, 0 if none).
HttpAnswer rawRequest(int port, const std::string& request, int timeoutMs = 5000);

}  // namespace settlement::test

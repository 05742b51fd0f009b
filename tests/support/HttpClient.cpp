#include "support/HttpClient.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace settlement::test {
namespace {

HttpAnswer exchange(Poco::Net::HTTPClientSession& session, const std::string& target, const std::string& token,
                    const std::string& method) {
    session.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty()) request.set("Authorization", "Bearer " + token);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpAnswer answer;
    answer.status = response.getStatus();
    std::ostringstream body;
    Poco::StreamCopier::copyStream(in, body);
    answer.body = body.str();
    for (const auto& [name, value] : response) answer.headers[name] = value;
    return answer;
}

}  // namespace

HttpAnswer httpGet(int port, const std::string& target, const std::string& token, const std::string& method) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    return exchange(session, target, token, method);
}

HttpAnswer httpsGet(int port, const std::string& target, const std::string& token) {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_NONE);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port), context);
    return exchange(session, target, token, "GET");
}

HttpAnswer rawRequest(int port, const std::string& request, int timeoutMs) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    socket.setReceiveTimeout(Poco::Timespan(0, timeoutMs * 1000));
    std::size_t sent = 0;
    try {
        while (sent < request.size())
            sent += static_cast<std::size_t>(socket.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent)));
    } catch (const Poco::Exception&) {
        // The server may answer and close before it read everything; read what it said.
    }
    std::string reply;
    char buffer[4096];
    try {
        int n;
        while ((n = socket.receiveBytes(buffer, sizeof buffer)) > 0) reply.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::Exception&) {
    }
    HttpAnswer answer;
    if (reply.rfind("HTTP/1.", 0) == 0 && reply.size() > 12) answer.status = std::stoi(reply.substr(9, 3));
    auto split = reply.find("\r\n\r\n");
    answer.body = split == std::string::npos ? "" : reply.substr(split + 4);
    return answer;
}

}  // namespace settlement::test

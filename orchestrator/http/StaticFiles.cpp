#include "http/StaticFiles.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <fstream>
#include <map>
#include <sstream>

#include "http/HttpError.h"

namespace settlement::http {
namespace fs = std::filesystem;
namespace {

// The dashboard's files are small; a bigger one is not one of them.
constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;

// Each segment a plain name: not empty (a//b), not . or .., not hidden, no backslash or NUL.
bool plainSegments(const std::string& relative) {
    if (relative.empty()) return false;
    std::istringstream segments(relative);
    std::string segment;
    std::size_t count = 0;
    while (std::getline(segments, segment, '/')) {
        ++count;
        if (segment.empty() || segment.front() == '.') return false;
        if (segment.find_first_of(std::string("\\\0", 2)) != std::string::npos) return false;
    }
    return count > 0 && relative.back() != '/';
}

}  // namespace

std::string StaticFiles::contentType(const fs::path& file) {
    static const std::map<std::string, std::string> types{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
    };
    auto found = types.find(file.extension().string());
    return found == types.end() ? "" : found->second;
}

fs::path StaticFiles::resolve(const std::string& relative) const {
    if (!plainSegments(relative) || contentType(relative).empty()) return {};
    std::error_code error;
    fs::path root = fs::canonical(root_, error);
    if (error) return {};
    // canonical() follows symbolic links: what it gives must still be under the root.
    fs::path file = fs::canonical(root / relative, error);
    if (error || !fs::is_regular_file(file, error)) return {};
    auto [rootEnd, fileAt] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (rootEnd != root.end()) return {};
    return file;
}

bool StaticFiles::has(const std::string& relative) const { return !resolve(relative).empty(); }

Response StaticFiles::get(std::string_view encoded) const {
    std::string relative;
    try {
        Poco::URI::decode(std::string(encoded), relative);
    } catch (const Poco::Exception&) {
        relative.clear();
    }
    fs::path file = resolve(relative);
    std::error_code error;
    if (file.empty() || fs::file_size(file, error) > kMaxFileBytes || error)
        throw HttpError(404, "no such file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw HttpError(404, "no such file");
    std::ostringstream body;
    body << in.rdbuf();
    Response r;
    r.body = body.str();
    r.contentType = contentType(file);
    return r;
}

}  // namespace settlement::http

#pragma once
// The files of one folder over HTTP, for the dashboard. A request path names a regular
// file under the folder, of a type the dashboard uses, or it is 404: never a file outside
// the folder whatever the path holds (../, %2e%2e, a backslash, a NUL, a symbolic link that
// leads out), never a folder, never a hidden file (.package-lock.json).
#include <filesystem>
#include <string>
#include <string_view>

#include "http/JsonResponse.h"

namespace settlement::http {

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

    // The file at `relative` ("assets/js/main.js", %-encoded as in the request) with its
    // content type. Throws HttpError 404 when there is no such file under the root.
    Response get(std::string_view relative) const;
    // True when `relative` (plain, not encoded) is a file get() would answer.
    bool has(const std::string& relative) const;
    const std::filesystem::path& root() const { return root_; }

    // "text/javascript; charset=utf-8" for .js, ...; "" for a type not served.
    static std::string contentType(const std::filesystem::path& file);

private:
    // The file's canonical path, or "" when the (decoded) path names nothing servable.
    std::filesystem::path resolve(const std::string& relative) const;

    std::filesystem::path root_;
};

}  // namespace settlement::http

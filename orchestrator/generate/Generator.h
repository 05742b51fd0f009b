#pragma once
// `settlement generate` as a script of steps: validate the options, build the catalog,
// write the catalog files, then each day's view events and ad events. Each file is
// written as NAME.part and renamed when complete, so no reader sees half a file.
#include <cstdint>
#include <string>
#include <vector>

#include "generate/GenerateOptions.h"

namespace settlement::generate {

struct FileSummary {
    std::string name;               // e.g. "views.csv"
    std::uint64_t rows = 0;         // data lines, header excluded
    std::uint64_t invalid = 0;      // lines made to be rejected
    std::uint64_t duplicates = 0;   // repeated lines (same event id)
    std::uint64_t bytes = 0;
    double seconds = 0;             // time to make and write it
};

struct GenerateSummary {
    std::vector<FileSummary> files;
    double seconds = 0;
    std::uint64_t totalRows() const;
};

// Throws app::UsageError for bad options or an output directory it cannot create,
// app::JobFailed when a file cannot be written.
GenerateSummary generateFiles(const GenerateOptions& options);

}  // namespace settlement::generate

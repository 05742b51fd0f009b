#pragma once
// The one-line summary `settlement load` prints per file, e.g.
//   views /data/views.csv: 1000000 read, 999000 loaded, 800 duplicate, 200 rejected
//   (unknown_video 150, bad_timestamp 50) in 3.21 s, 311,526 rows/s
#include <cstdint>
#include <string>

#include "load/Loader.h"

namespace settlement::load {

std::string formatSummary(const FileResult& file);
// 1234567 -> "1,234,567"
std::string withThousands(std::uint64_t value);

}  // namespace settlement::load

#pragma once
// The span of a report (SPEC §10): `period` and `date` (the period that contains the
// date), or `from` and `to` (those days, at most 366). Parsed and checked before any SQL;
// the procedures check again for a DBA's own calls.
#include <string>

#include "report/Reports.h"

namespace settlement::http {

inline constexpr int kMaxSpanDays = 366;

// The span parameters as given; "" when absent.
struct SpanParameters {
    std::string period;
    std::string date;
    std::string from;
    std::string to;
};

// Throws ParameterError naming the parameter that is missing, malformed or out of place.
report::Span parseSpan(const SpanParameters& parameters);

// A real calendar day YYYY-MM-DD from 1900-01-01 to 9998-12-31 (so that every period that
// contains it is a valid SQL DATE); throws ParameterError(name) otherwise.
util::Date parseDateParameter(const std::string& name, const std::string& text);

}  // namespace settlement::http

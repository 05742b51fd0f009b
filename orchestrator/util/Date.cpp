#include "util/Date.h"

#include <cstdio>

namespace settlement::util {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > s.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        value = value * 10 + (s[i] - '0');
    }
    out = value;
    return true;
}

constexpr std::int64_t kMillisPerDay = 86'400'000;

}  // namespace

std::optional<Date> parseDate(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                    std::chrono::day{unsigned(d)}};
    if (!ymd.ok()) return std::nullopt;
    return Date{ymd};
}

std::string formatDate(Date date) {
    std::chrono::year_month_day ymd{date};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

std::optional<Timestamp> parseTimestamp(std::string_view s) {
    if (!s.empty() && (s.back() == 'Z')) s.remove_suffix(1);
    if (s.size() < 19 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    auto date = parseDate(s.substr(0, 10));
    int hh, mm, ss;
    if (!date || !digits(s, 11, 2, hh) || !digits(s, 14, 2, mm) || !digits(s, 17, 2, ss))
        return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    int millis = 0;
    if (s.size() > 19) {
        std::size_t fraction = s.size() - 20;
        if (s[19] != '.' || fraction < 1 || fraction > 3) return std::nullopt;
        int f;
        if (!digits(s, 20, fraction, f)) return std::nullopt;
        millis = f * (fraction == 1 ? 100 : fraction == 2 ? 10 : 1);
    }
    std::int64_t days = date->time_since_epoch().count();
    return Timestamp{days * kMillisPerDay + ((hh * 60 + mm) * 60 + ss) * 1000LL + millis};
}

std::string formatTimestamp(Timestamp ts) {
    std::int64_t days = ts.epochMillis / kMillisPerDay;
    std::int64_t rest = ts.epochMillis % kMillisPerDay;
    if (rest < 0) { rest += kMillisPerDay; --days; }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %02d:%02d:%02d.%03d",
                  formatDate(Date{std::chrono::days{days}}).c_str(), int(rest / 3'600'000),
                  int(rest / 60'000 % 60), int(rest / 1000 % 60), int(rest % 1000));
    return buf;
}

std::optional<int> parseUtcOffset(std::string_view s) {
    int hh, mm;
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
    if (!digits(s, 1, 2, hh) || !digits(s, 4, 2, mm) || hh > 14 || mm > 59) return std::nullopt;
    int minutes = hh * 60 + mm;
    return s[0] == '-' ? -minutes : minutes;
}

Date businessDateOf(Timestamp ts, int offsetMinutes) {
    std::int64_t local = ts.epochMillis + std::int64_t(offsetMinutes) * 60'000;
    std::int64_t days = local / kMillisPerDay;
    if (local % kMillisPerDay < 0) --days;
    return Date{std::chrono::days{days}};
}

Date businessToday(std::chrono::system_clock::time_point now, int offsetMinutes) {
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
    return businessDateOf(Timestamp{millis.count()}, offsetMinutes);
}

}  // namespace settlement::util

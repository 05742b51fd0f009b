#include "generate/LogGenerator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <queue>
#include <string_view>

#include "generate/CsvWriter.h"
#include "generate/Random.h"

namespace settlement::generate {
namespace {

constexpr std::uint64_t kRankingStream = 0x52414E4B;
constexpr std::uint64_t kViewStream = 0x56494557;
constexpr std::uint64_t kAdViewStream = 0x41445657;
constexpr std::uint64_t kIpStream = 0x49500000;

enum class Defect { None, BadTimestamp, MissingField, ExtraField };

constexpr std::array<std::string_view, 5> kBadTimestamps{
    "", "not-a-time", "2026-02-30 10:00:00.000", "2026-01-31T25:00:00", "1700000000"};

// A repeat of an earlier event's (viewer, video[, ad]), due at `time`. (time, order) is
// unique, so the queue pops in the same order with any standard library.
struct Pending {
    std::int64_t time;
    std::uint64_t order;
    std::uint32_t viewer, video, ad;
};
struct Later {
    bool operator()(const Pending& a, const Pending& b) const {
        return a.time != b.time ? a.time > b.time : a.order > b.order;
    }
};
using PendingQueue = std::priority_queue<Pending, std::vector<Pending>, Later>;

// Less than 30 s: not counted again. One in ten is the last millisecond before the rule.
std::int64_t quickGap(Random& r) { return r.chance(0.1) ? 29'999 : r.between(500, 29'999); }
// 30 s or more: counted again. One in ten exactly on the 30 s boundary.
std::int64_t lateGap(Random& r) { return r.chance(0.1) ? 30'000 : r.between(30'000, 1'800'000); }

struct ViewRow {
    std::uint64_t id = 0;
    std::uint32_t viewer = 0;
    std::uint64_t video = 0;
    std::int64_t time = 0;
    std::int64_t watched = 0;
    std::int64_t lastPosition = 0;
};

struct AdRow {
    std::uint64_t id = 0;
    std::uint32_t viewer = 0;
    std::uint64_t video = 0;
    std::uint64_t ad = 0;
    std::int64_t time = 0;
};

// A session: a quarter watched to the end, some bounced, the rest part-way; a fifth resume
// from an earlier position. watched_sec and last_position_sec stay within the duration.
void drawWatch(Random& r, std::int64_t duration, ViewRow& row) {
    double u = r.unit();
    std::int64_t watched = u < 0.25 ? duration : u < 0.35 ? r.between(0, std::min<std::int64_t>(duration, 10))
                                                           : r.between(1, duration);
    std::int64_t start = r.chance(0.2) ? r.between(0, duration - watched) : 0;
    row.watched = watched;
    row.lastPosition = start + watched;
}

class RowWriter {
public:
    RowWriter(CsvWriter& out, std::uint64_t seed) : out_(out), ipSalt_(deriveSeed(seed, kIpStream)) {}

    void view(const ViewRow& e, Defect defect = Defect::None, std::string_view badTime = {}) {
        out_.number(e.id).number(std::uint64_t(e.viewer)).number(e.video);
        if (defect != Defect::MissingField) out_.raw(ip(e.viewer));
        out_.raw(defect == Defect::BadTimestamp ? badTime : clock_.format(e.time));
        out_.number(e.watched).number(e.lastPosition);
        if (defect == Defect::ExtraField) out_.raw("extra");
        out_.endRow();
    }

    void adView(const AdRow& e, Defect defect = Defect::None, std::string_view badTime = {}) {
        out_.number(e.id).number(std::uint64_t(e.viewer)).number(e.video).number(e.ad);
        if (defect != Defect::MissingField) out_.raw(ip(e.viewer));
        out_.raw(defect == Defect::BadTimestamp ? badTime : clock_.format(e.time));
        if (defect == Defect::ExtraField) out_.raw("extra");
        out_.endRow();
    }

private:
    // A stable address per viewer, so repeats of one viewer come from one IP.
    std::string_view ip(std::uint32_t viewer) {
        std::uint64_t h = mix64(ipSalt_ ^ viewer);
        std::uint32_t octet[4] = {std::uint32_t(1 + h % 223), std::uint32_t((h >> 8) & 255),
                                  std::uint32_t((h >> 16) & 255), std::uint32_t(1 + (h >> 24) % 254)};
        char* p = ipText_;
        for (int i = 0; i < 4; ++i) {
            if (i) *p++ = '.';
            p = std::to_chars(p, ipText_ + sizeof ipText_, octet[i]).ptr;
        }
        return {ipText_, static_cast<std::size_t>(p - ipText_)};
    }

    CsvWriter& out_;
    std::uint64_t ipSalt_;
    TimestampFormatter clock_;
    char ipText_[16] = {};
};

std::uint64_t dayKey(const BusinessDay& day) { return static_cast<std::uint64_t>(day.date().time_since_epoch().count()); }

// 1..n in a random order (at least one value, so an empty catalog still builds).
std::vector<std::uint32_t> randomRanking(std::uint32_t n, std::uint64_t seed) {
    Random random(seed);
    std::vector<std::uint32_t> byRank(std::max<std::uint32_t>(n, 1));
    for (std::uint32_t i = 0; i < byRank.size(); ++i) byRank[i] = i + 1;
    for (auto i = static_cast<std::uint32_t>(byRank.size()); i > 1; --i) std::swap(byRank[i - 1], byRank[random.below(i)]);
    return byRank;
}

Defect wrongFieldCount(Random& r) { return r.chance(0.5) ? Defect::MissingField : Defect::ExtraField; }

}  // namespace

LogGenerator::LogGenerator(const Catalog& catalog, const GenerateOptions& options)
    : catalog_(catalog),
      seed_(options.seed),
      invalidRate_(options.invalidRate),
      videoPopularity_(shape::kVideoZipfExponent, randomRanking(catalog.videos(), deriveSeed(seed_, kRankingStream, 0))),
      viewerActivity_(shape::kViewerZipfExponent, randomRanking(catalog.members, deriveSeed(seed_, kRankingStream, 1))) {}

void LogGenerator::writeViewHeader(CsvWriter& out) {
    out.header({"event_id", "viewer_id", "video_id", "ip", "started_at", "watched_sec", "last_position_sec"});
}

void LogGenerator::writeAdViewHeader(CsvWriter& out) {
    out.header({"event_id", "viewer_id", "video_id", "ad_id", "ip", "viewed_at"});
}

LogCounts LogGenerator::writeViews(const BusinessDay& day, std::uint64_t rows, CsvWriter& out) const {
    Random random(deriveSeed(seed_, kViewStream, dayKey(day)));
    RowWriter writer(out, seed_);
    PendingQueue pending;
    std::uint64_t order = 0;
    ViewRow last;
    bool haveLast = false;
    LogCounts counts;

    for (std::uint64_t row = 0; row < rows; ++row) {
        const std::int64_t slot = day.slotMillis(row, rows, random.unit());
        ViewRow e;
        e.id = day.firstEventId() + row + 1;
        e.time = slot;

        if (invalidRate_ > 0 && random.chance(invalidRate_)) {
            auto kind = random.below(5);
            if (kind == 4 && haveLast) {  // a redelivered line: same event id, same content
                writer.view(last);
                ++counts.duplicates;
                continue;
            }
            e.viewer = pickViewer(random);
            e.video = pickVideo(random);
            drawWatch(random, catalog_.videoDuration[e.video - 1], e);
            Defect defect = Defect::None;
            std::string_view badTime;
            if (kind == 1) e.watched = -random.between(1, 600);
            else if (kind == 2) { defect = Defect::BadTimestamp; badTime = kBadTimestamps[random.below(kBadTimestamps.size())]; }
            else if (kind == 3) defect = wrongFieldCount(random);
            else e.video = shape::kUnknownIdBase + random.below(1'000'000);
            writer.view(e, defect, badTime);
            ++counts.invalid;
            continue;
        }

        if (!pending.empty() && pending.top().time <= slot) {
            const Pending p = pending.top();
            pending.pop();
            e.viewer = p.viewer;
            e.video = p.video;
            e.time = p.time;
        } else {
            e.video = pickVideo(random);
            e.viewer = random.chance(shape::kSelfViewRate) ? catalog_.videoCreator[e.video - 1] : pickViewer(random);
            auto video = static_cast<std::uint32_t>(e.video);
            if (random.chance(shape::kQuickRepeatRate)) pending.push({slot + quickGap(random), order++, e.viewer, video, 0});
            if (random.chance(shape::kLateRepeatRate)) pending.push({slot + lateGap(random), order++, e.viewer, video, 0});
        }
        drawWatch(random, catalog_.videoDuration[e.video - 1], e);
        writer.view(e);
        last = e;
        haveLast = true;
    }
    counts.rows = rows;
    return counts;
}

LogCounts LogGenerator::writeAdViews(const BusinessDay& day, std::uint64_t rows, CsvWriter& out) const {
    Random random(deriveSeed(seed_, kAdViewStream, dayKey(day)));
    RowWriter writer(out, seed_);
    PendingQueue pending;
    std::uint64_t order = 0;
    AdRow last;
    bool haveLast = false;
    LogCounts counts;
    const auto& c = catalog_;
    auto pickPlacement = [&](std::uint32_t video) {
        std::uint32_t first = c.placementStart[video - 1], count = c.placementStart[video] - first;
        return c.placementAd[first + random.below(count)];
    };

    for (std::uint64_t row = 0; row < rows; ++row) {
        const std::int64_t slot = day.slotMillis(row, rows, random.unit());
        AdRow e;
        e.id = day.firstEventId() + row + 1;
        e.time = slot;

        if (invalidRate_ > 0 && random.chance(invalidRate_)) {
            auto kind = random.below(5);
            if (kind == 4 && haveLast) {
                writer.adView(last);
                ++counts.duplicates;
                continue;
            }
            auto video = pickVideo(random);
            e.viewer = pickViewer(random);
            e.video = video;
            e.ad = pickPlacement(video);
            Defect defect = Defect::None;
            std::string_view badTime;
            if (kind == 1) {  // an ad that exists but is not placed on this video
                std::uint64_t ad = shape::kUnknownIdBase + random.below(1'000'000);
                for (int attempt = 0; attempt < 16; ++attempt) {
                    auto candidate = static_cast<std::uint32_t>(1 + random.below(c.ads()));
                    if (!c.isPlaced(video, candidate)) { ad = candidate; break; }
                }
                e.ad = ad;
            } else if (kind == 2) {
                defect = Defect::BadTimestamp;
                badTime = kBadTimestamps[random.below(kBadTimestamps.size())];
            } else if (kind == 3) {
                defect = wrongFieldCount(random);
            } else {
                e.video = shape::kUnknownIdBase + random.below(1'000'000);
            }
            writer.adView(e, defect, badTime);
            ++counts.invalid;
            continue;
        }

        if (!pending.empty() && pending.top().time <= slot) {
            const Pending p = pending.top();
            pending.pop();
            e.viewer = p.viewer;
            e.video = p.video;
            e.ad = p.ad;
            e.time = p.time;
        } else {
            auto video = pickVideo(random);
            e.video = video;
            e.ad = pickPlacement(video);
            e.viewer = random.chance(shape::kSelfViewRate) ? c.videoCreator[video - 1] : pickViewer(random);
            auto ad = static_cast<std::uint32_t>(e.ad);
            if (random.chance(shape::kAdQuickRepeatRate)) pending.push({slot + quickGap(random), order++, e.viewer, video, ad});
            if (random.chance(shape::kAdLateRepeatRate)) pending.push({slot + lateGap(random), order++, e.viewer, video, ad});
        }
        writer.adView(e);
        last = e;
        haveLast = true;
    }
    counts.rows = rows;
    return counts;
}

}  // namespace settlement::generate

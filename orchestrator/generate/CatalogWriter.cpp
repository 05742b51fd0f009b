#include "generate/CatalogWriter.h"

#include <array>
#include <string_view>

#include "generate/CsvWriter.h"
#include "generate/Random.h"

namespace settlement::generate {
namespace {

constexpr std::uint64_t kNameStream = 0x4E414D45;

template <std::size_t N>
std::string_view pick(Random& random, const std::array<std::string_view, N>& words) {
    return words[random.below(N)];
}

constexpr std::array<std::string_view, 20> kFamily{
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
    "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong"};
constexpr std::array<std::string_view, 20> kGiven{
    "Minji", "Jiwoo", "Seojun", "Hayoon", "Doyun", "Seoyeon", "Eunwoo", "Jiho", "Sua", "Yejun",
    "Haeun", "Siwoo", "Jimin", "Junho", "Chaewon", "Hyunwoo", "Dahye", "Taeyang", "Sohee", "Woojin"};
constexpr std::array<std::string_view, 8> kFamilyHangul{"김", "이", "박", "최", "정", "강", "조", "윤"};
constexpr std::array<std::string_view, 8> kGivenHangul{"민지", "지우", "서준", "하윤", "도윤", "서연", "은우", "지호"};
constexpr std::array<std::string_view, 12> kBrand{
    "Hanbit", "Nuri", "Saebom", "Daon", "Haneul", "Byeol", "Pureun", "Maru", "Areum", "Gaon", "Dasom", "Yeoreum"};
constexpr std::array<std::string_view, 10> kBusiness{
    "Foods", "Mobile", "Coffee", "Motors", "Insurance", "Games", "Beauty", "Bank", "Delivery", "Telecom"};
constexpr std::array<std::string_view, 16> kTopic{
    "Kimchi stew", "Seoul night walk", "Jeju road trip", "Budget laptop", "Home workout",
    "K-pop dance cover", "Street food tour", "Coding interview", "Baking bread", "Camping gear",
    "먹방", "브이로그", "공부 같이 해요", "Hiking Bukhansan", "Study with me", "Cat cafe"};
constexpr std::array<std::string_view, 8> kFormat{
    "review", "tutorial", "vlog", "live", "highlights", "Q&A", "unboxing", "challenge"};
constexpr std::array<std::string_view, 8> kSlogan{
    "Taste the morning", "Faster, lighter", "Your day, upgraded", "Drive further",
    "Play more", "Glow every day", "Bank on it", "Delivered in 30 minutes"};

}  // namespace

std::string CatalogWriter::memberName(const Catalog& catalog, std::uint64_t seed, std::uint32_t id) {
    Random random(deriveSeed(seed, kNameStream, id));
    auto role = catalog.role(id);
    if (role == "ADMIN") return "Platform Admin";
    if (role == "ADVERTISER")  // "Hanbit Foods Co., Ltd." needs quoting
        return std::string(pick(random, kBrand)) + " " + std::string(pick(random, kBusiness)) + " Co., Ltd.";
    if (random.chance(0.1)) return std::string(pick(random, kFamilyHangul)) + std::string(pick(random, kGivenHangul));
    return std::string(pick(random, kFamily)) + " " + std::string(pick(random, kGiven));
}

std::string CatalogWriter::videoTitle(std::uint64_t seed, std::uint32_t id) {
    Random random(deriveSeed(seed, kNameStream + 1, id));
    std::string topic(pick(random, kTopic));
    std::string format(pick(random, kFormat));
    std::string n = std::to_string(random.between(1, 99));
    switch (random.below(4)) {
        case 0: return topic + " " + format + " #" + n;
        case 1: return topic + ", " + format + " part " + n;              // a comma
        case 2: return "\"" + topic + "\" " + format + " (" + n + ")";    // double quotes
        default: return topic + " | " + format + " ep. " + n;
    }
}

std::string CatalogWriter::adTitle(std::uint64_t seed, std::uint32_t id) {
    Random random(deriveSeed(seed, kNameStream + 2, id));
    std::string brand(pick(random, kBrand));
    std::string business(pick(random, kBusiness));
    if (random.chance(0.5)) return brand + " " + business + ": \"" + std::string(pick(random, kSlogan)) + "\"";
    return brand + " " + business + ", spring campaign " + std::to_string(random.between(1, 9));
}

void CatalogWriter::writeMembers(const Catalog& c, std::uint64_t seed, CsvWriter& out) {
    out.header({"id", "role", "name"});
    for (std::uint32_t id = 1; id <= c.members; ++id) {
        out.number(id).raw(c.role(id)).text(memberName(c, seed, id));
        out.endRow();
    }
}

void CatalogWriter::writeVideos(const Catalog& c, std::uint64_t seed, CsvWriter& out) {
    out.header({"id", "creator_id", "title", "duration_sec"});
    for (std::uint32_t id = 1; id <= c.videos(); ++id) {
        out.number(id).number(c.videoCreator[id - 1]).text(videoTitle(seed, id)).number(c.videoDuration[id - 1]);
        out.endRow();
    }
}

void CatalogWriter::writeAds(const Catalog& c, std::uint64_t seed, CsvWriter& out) {
    out.header({"id", "advertiser_id", "title"});
    for (std::uint32_t id = 1; id <= c.ads(); ++id) {
        out.number(id).number(c.adAdvertiser[id - 1]).text(adTitle(seed, id));
        out.endRow();
    }
}

void CatalogWriter::writeVideoAds(const Catalog& c, CsvWriter& out) {
    out.header({"video_id", "ad_id", "position_sec"});
    for (std::uint32_t video = 1; video <= c.videos(); ++video) {
        for (std::uint32_t p = c.placementStart[video - 1]; p < c.placementStart[video]; ++p) {
            out.number(video).number(c.placementAd[p]).number(c.placementPosition[p]);
            out.endRow();
        }
    }
}

}  // namespace settlement::generate

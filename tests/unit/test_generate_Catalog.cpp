#include <gtest/gtest.h>

#include <set>

#include "app/ExitCode.h"
#include "generate/Catalog.h"
#include "generate/CatalogWriter.h"

using namespace settlement::generate;

namespace {

GenerateOptions small() {
    GenerateOptions o;
    o.outDir = "unused";
    o.members = 50;
    o.creators = 5;
    o.advertisers = 3;
    o.videos = 40;
    o.ads = 6;
    o.adsPerVideo = 4;
    return o;
}

}  // namespace

TEST(Catalog, RolesAreAdminThenCreatorsThenAdvertisersThenViewers) {
    auto c = buildCatalog(small());
    // 50 members: 1 admin (id 1), creators 2..6, advertisers 7..9, viewers 10..50.
    EXPECT_EQ(c.role(1), "ADMIN");
    EXPECT_EQ(c.role(2), "CREATOR");
    EXPECT_EQ(c.role(6), "CREATOR");
    EXPECT_EQ(c.role(7), "ADVERTISER");
    EXPECT_EQ(c.role(9), "ADVERTISER");
    EXPECT_EQ(c.role(10), "VIEWER");
    EXPECT_EQ(c.role(50), "VIEWER");
}

TEST(Catalog, VideosAdsAndPlacementsKeepTheirRules) {
    auto c = buildCatalog(small());
    ASSERT_EQ(c.videos(), 40u);
    ASSERT_EQ(c.ads(), 6u);
    EXPECT_EQ(c.placements(), 160u);  // 40 videos x 4 placements
    for (std::uint32_t v = 1; v <= 40; ++v) {
        EXPECT_GE(c.videoCreator[v - 1], 2u);
        EXPECT_LE(c.videoCreator[v - 1], 6u);
        std::uint32_t duration = c.videoDuration[v - 1];
        EXPECT_GE(duration, 30u);
        EXPECT_LE(duration, 3600u);
        std::set<std::uint32_t> ads;
        for (auto p = c.placementStart[v - 1]; p < c.placementStart[v]; ++p) {
            EXPECT_GE(c.placementAd[p], 1u);
            EXPECT_LE(c.placementAd[p], 6u);
            EXPECT_LT(c.placementPosition[p], duration);
            EXPECT_TRUE(ads.insert(c.placementAd[p]).second) << "video " << v << " has ad " << c.placementAd[p] << " twice";
            EXPECT_TRUE(c.isPlaced(v, c.placementAd[p]));
        }
        EXPECT_EQ(ads.size(), 4u);
        for (std::uint32_t ad = 1; ad <= 6; ++ad) EXPECT_EQ(c.isPlaced(v, ad), ads.count(ad) == 1);
    }
    for (std::uint32_t a = 1; a <= 6; ++a) {
        EXPECT_GE(c.adAdvertiser[a - 1], 7u);
        EXPECT_LE(c.adAdvertiser[a - 1], 9u);
    }
    EXPECT_FALSE(c.isPlaced(0, 1));
    EXPECT_FALSE(c.isPlaced(41, 1));
}

TEST(Catalog, MorePlacementsThanAdsPlacesEveryAdOnce) {
    auto o = small();
    o.adsPerVideo = 10;  // only 6 ads exist
    auto c = buildCatalog(o);
    EXPECT_EQ(c.placements(), 240u);  // 40 x 6
    for (std::uint32_t ad = 1; ad <= 6; ++ad) EXPECT_TRUE(c.isPlaced(17, ad));
}

TEST(Catalog, SameSeedSameCatalogOtherSeedAnother) {
    auto o = small();
    auto a = buildCatalog(o), b = buildCatalog(o);
    EXPECT_EQ(a.videoCreator, b.videoCreator);
    EXPECT_EQ(a.videoDuration, b.videoDuration);
    EXPECT_EQ(a.placementAd, b.placementAd);
    EXPECT_EQ(a.placementPosition, b.placementPosition);
    o.seed = 43;
    auto c = buildCatalog(o);
    EXPECT_NE(a.videoDuration, c.videoDuration);
}

TEST(Catalog, NamesAndTitlesAreStableAndSomeNeedQuoting) {
    auto c = buildCatalog(small());
    EXPECT_EQ(CatalogWriter::memberName(c, 42, 1), "Platform Admin");
    EXPECT_EQ(CatalogWriter::memberName(c, 42, 12), CatalogWriter::memberName(c, 42, 12));
    // Advertisers are companies: "<Brand> <Business> Co., Ltd." holds a comma.
    EXPECT_NE(CatalogWriter::memberName(c, 42, 7).find("Co., Ltd."), std::string::npos);
    int withComma = 0, withQuote = 0;
    for (std::uint32_t id = 1; id <= 200; ++id) {
        auto t = CatalogWriter::videoTitle(42, id);
        EXPECT_FALSE(t.empty());
        withComma += t.find(',') != std::string::npos;
        withQuote += t.find('"') != std::string::npos;
    }
    // One title pattern in four has a comma and one a pair of quotes: about 50 of 200 each.
    EXPECT_GT(withComma, 20);
    EXPECT_GT(withQuote, 20);
}

TEST(GenerateOptions, RejectsInconsistentSizes) {
    using settlement::app::UsageError;
    auto o = small();
    EXPECT_NO_THROW(o.validate());
    o.members = 8;  // needs 1 + 5 + 3 = 9
    EXPECT_THROW(o.validate(), UsageError);
    o = small();
    o.catalogOnly = o.logsOnly = true;
    EXPECT_THROW(o.validate(), UsageError);
    o = small();
    o.ads = 0;
    o.adViewsPerDay = 10;
    EXPECT_THROW(o.validate(), UsageError);
    o.adViewsPerDay = -1;  // the default follows: nothing placed, no ad events
    EXPECT_NO_THROW(o.validate());
    EXPECT_EQ(o.adViewsPerDayResolved(), 0u);
    o = small();
    o.invalidRate = 0.6;
    EXPECT_THROW(o.validate(), UsageError);
    o = small();
    o.outDir.clear();
    EXPECT_THROW(o.validate(), UsageError);
}

TEST(GenerateOptions, AdEventsDefaultToAFifthOfViews) {
    auto o = small();
    o.viewsPerDay = 10000;
    EXPECT_EQ(o.adViewsPerDayResolved(), 2000u);
    o.adViewsPerDay = 7;
    EXPECT_EQ(o.adViewsPerDayResolved(), 7u);
}

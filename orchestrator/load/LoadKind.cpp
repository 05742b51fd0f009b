#include "load/LoadKind.h"

#include <stdexcept>

namespace settlement::load {

std::string KindInfo::header() const {
    std::string out;
    for (const auto& f : fields) {
        if (!out.empty()) out += ',';
        out += f.column;
    }
    return out;
}

const std::vector<KindInfo>& allKinds() {
    using T = FieldType;
    // Text widths are the target columns' (V001): member.name 255, titles 500, ip 64.
    // catalog_stage has one text column: a member's name goes there and the role, an
    // enumeration, is staged as its ENUM index in number_value.
    static const std::vector<KindInfo> kinds = {
        {Kind::Members, "members", "members", "catalog_stage", "promote_members_batch", true,
         {{"id", "id", T::Id}, {"role", "number_value", T::Role}, {"name", "text_value", T::Text, 255}}},
        {Kind::Videos, "videos", "videos", "catalog_stage", "promote_videos_batch", true,
         {{"id", "id", T::Id},
          {"creator_id", "ref_id", T::Id},
          {"title", "text_value", T::Text, 500},
          {"duration_sec", "number_value", T::Integer}}},
        {Kind::Ads, "ads", "ads", "catalog_stage", "promote_ads_batch", true,
         {{"id", "id", T::Id}, {"advertiser_id", "ref_id", T::Id}, {"title", "text_value", T::Text, 500}}},
        {Kind::VideoAds, "video_ads", "video-ads", "catalog_stage", "promote_video_ads_batch", true,
         {{"video_id", "id", T::Id}, {"ad_id", "ref_id", T::Id}, {"position_sec", "number_value", T::Integer}}},
        {Kind::Views, "views", "views", "view_log_stage", "promote_views_batch", false,
         {{"event_id", "event_id", T::Id},
          {"viewer_id", "viewer_id", T::Id},
          {"video_id", "video_id", T::Id},
          {"ip", "ip", T::Text, 64},
          {"started_at", "started_at", T::Timestamp},
          {"watched_sec", "watched_sec", T::Integer},
          {"last_position_sec", "last_position_sec", T::Integer}}},
        {Kind::AdViews, "ad_views", "ad-views", "ad_view_log_stage", "promote_ad_views_batch", false,
         {{"event_id", "event_id", T::Id},
          {"viewer_id", "viewer_id", T::Id},
          {"video_id", "video_id", T::Id},
          {"ad_id", "ad_id", T::Id},
          {"ip", "ip", T::Text, 64},
          {"viewed_at", "viewed_at", T::Timestamp}}},
    };
    return kinds;
}

const KindInfo& kindInfo(Kind kind) {
    for (const auto& k : allKinds())
        if (k.kind == kind) return k;
    throw std::logic_error("unknown load kind");
}

}  // namespace settlement::load

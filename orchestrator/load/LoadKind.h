#pragma once
// The six kinds of file `settlement load` takes (SPEC §2): the CSV header each must have,
// the stage table its lines go to, and the procedure that validates and promotes a batch.
#include <string>
#include <vector>

namespace settlement::load {

enum class Kind { Members, Videos, Ads, VideoAds, Views, AdViews };

// How a CSV field becomes a stage column value.
enum class FieldType {
    Id,         // unsigned 64-bit whole number
    Integer,    // signed 64-bit whole number (negatives reach SQL, which judges the range)
    Text,       // any UTF-8 text up to maxChars characters
    Timestamp,  // util::parseTimestamp, staged as 'YYYY-MM-DD HH:MM:SS.fff'
    Role,       // VIEWER|CREATOR|ADVERTISER|ADMIN, staged as the ENUM index 1..4
};

struct FieldSpec {
    std::string column;       // CSV header name, used in messages
    std::string stageColumn;  // column of the stage table
    FieldType type;
    std::size_t maxChars = 0;  // Text only: the target column's width
};

struct KindInfo {
    Kind kind;
    std::string name;       // load_batch.kind, rejected_record.kind: "video_ads"
    std::string option;     // command-line option without "--": "video-ads"
    std::string stageTable;
    std::string procedure;  // promote_<name>_batch
    bool catalog;           // catalog rows keep their raw line (record_text of a reject)
    std::vector<FieldSpec> fields;  // in CSV order; the header is their column names

    std::string header() const;  // "id,role,name"
};

// All kinds in promotion order: members, videos, ads, video_ads, views, ad_views.
const std::vector<KindInfo>& allKinds();
const KindInfo& kindInfo(Kind kind);

}  // namespace settlement::load

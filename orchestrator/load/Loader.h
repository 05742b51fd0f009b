#pragma once
// `settlement load` as a script of steps (SPEC §2, §4):
//   1. check that every file exists and is readable (without opening it: each file is
//      opened and read once, in step 2, so FIFOs and /dev/stdin work);
//   2. stage: for each file a load_batch row (STAGING), the header checked, every record
//      parsed; a catalog file's lines go to catalog_stage; an event file's lines that
//      parsed go to a LineSpool (the client's unlinked temporary file), those that did not
//      to the kind's stage table;
//   3. promote: one procedure per kind validates the batch in SQL, quarantines rejects,
//      upserts catalog rows or inserts events (duplicates ignored), and returns counts. An
//      event file goes chunk by chunk: LOAD DATA LOCAL INFILE of the chunk's lines into the
//      session's MEMORY line table, check_view_lines (ad events: check_ad_view_lines), then
//      commit_event_lines (one transaction), between begin_promote_batch and
//      finish_promote_batch, on two sessions in turn (the second
//      joins with join_promote_batch): one checks chunk i + 1 while the other commits
//      chunk i, and chunks commit in line order.
// Every file is staged before any is promoted, so a malformed file (unreadable, empty,
// wrong header, an unclosed quote, bytes that are not UTF-8) loads nothing of the whole
// command: its batches are ABANDONED, their stage rows deleted, and app::UsageError names
// the file and line (exit 2). A promote that fails for good leaves the files before it
// loaded and abandons the rest; re-running the same load is the recovery (duplicates are
// ignored, quarantined lines are recorded once).
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/Settings.h"
#include "db/Connection.h"
#include "load/LineSpool.h"
#include "load/LoadKind.h"

namespace settlement::load {

struct LoadFile {
    Kind kind;
    std::string path;
};

struct Outcome {
    std::string outcome;  // loaded, duplicate (events); new, updated, unchanged (catalog); rejected; notice
    std::string reason;   // reason code of a rejected outcome, the text of a notice
    std::uint64_t count = 0;
};

struct FileResult {
    const KindInfo* kind = nullptr;
    std::string path;
    std::uint64_t batchId = 0;
    std::uint64_t rowsRead = 0;
    std::vector<Outcome> outcomes;  // as the promote procedure returned them
    double stageSeconds = 0;
    double promoteSeconds = 0;
    std::shared_ptr<LineSpool> spool;  // an event file's parsed lines, until promoted
};

class Loader {
public:
    // A promote that hits a deadlock or lock wait timeout is called again for the same
    // batch (it carries on with the chunks still staged), as `retry` allows.
    // A record longer than maxLineBytes makes its file malformed (see CsvReader.h).
    explicit Loader(db::Connection& db, config::RetrySettings retry = {},
                    std::size_t maxLineBytes = config::LoadSettings{}.maxLineBytes)
        : db_(db), retry_(retry), maxLineBytes_(maxLineBytes) {}
    // Loads the files in dependency order (members, videos, ads, video_ads, views, ad_views).
    std::vector<FileResult> load(std::vector<LoadFile> files);
    // Moves what the streaming service left in the event inboxes through the same promote
    // as a file (stage_event_inbox, then promote_<kind>_batch); one result per non-empty
    // inbox. `load` and `run` call it first (SPEC 2).
    std::vector<FileResult> loadInboxes();
    // What loads that died left (find_load_leftovers): a file batch cut off while being read
    // is abandoned (logged: load the file again); a batch whose promotion began, and an
    // inbox batch, are promoted to the end. One result per batch finished.
    std::vector<FileResult> finishLeftovers();

private:
    std::uint64_t createBatch(const KindInfo& kind, const std::string& path, bool spooled);
    void stage(FileResult& file);
    void promote(FileResult& file);
    // An event file: its spooled lines chunk by chunk; returns the outcomes' result set.
    db::ResultTable promoteSpooled(FileResult& file);
    // The chunk's lines into the session's line table (LOAD DATA LOCAL INFILE, or INSERTs
    // when the server or the connection refuses LOCAL INFILE); slot: the spool's chunk file.
    void sendLines(db::Connection& db, FileResult& file, const LineSpool::Chunk& chunk, const std::string& lineTable,
                   std::size_t slot);
    void releaseBatchLock(std::uint64_t batchId);
    // Best effort: deletes the stage rows of the batches and marks them ABANDONED.
    void abandon(const std::vector<FileResult>& files, std::size_t from);

    db::Connection& db_;
    config::RetrySettings retry_;
    std::size_t maxLineBytes_;
    std::atomic<bool> localInfile_{true};  // false once the server refused LOAD DATA LOCAL INFILE
};

}  // namespace settlement::load

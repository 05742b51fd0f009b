#include "load/Loader.h"

#include <Poco/Environment.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "app/ExitCode.h"
#include "db/DatabaseError.h"
#include "engine/RetryPolicy.h"
#include "load/CsvReader.h"
#include "load/LineSpool.h"
#include "load/RowParser.h"
#include "load/StageWriter.h"

namespace settlement::load {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A malformed file: the message names the file and the line.
struct MalformedFile {
    std::string path;
    std::uint64_t line;
    std::string what;
};

bool isEventKind(const KindInfo& kind) { return kind.kind == Kind::Views || kind.kind == Kind::AdViews; }

// The server or the client library refuses LOAD DATA LOCAL INFILE (MySQL 8 starts with
// local_infile OFF): 1148 and 4166 (MariaDB), 3948 (MySQL), 2068 (the client library).
bool refusesLocalInfile(int code) { return code == 1148 || code == 4166 || code == 3948 || code == 2068; }

constexpr std::size_t kInsertRows = 2000;  // lines per INSERT when LOCAL INFILE is refused

// Calls `attempt` again while the retry policy allows it (a deadlock, a lock wait timeout),
// logging `again` (what happens next) with the error.
template <typename F>
void callRetrying(engine::RetryPolicy& policy, const std::string& again, const F& attempt) {
    for (int n = 1;; ++n) {
        try {
            attempt();
            return;
        } catch (const db::DatabaseError& e) {
            if (policy.decide(e.mysqlCode(), n) != engine::RetryDecision::Retry) throw;
            spdlog::warn("load: {} (attempt {}); {}", e.what(), n, again);
            policy.sleepBeforeRetry(n);
        }
    }
}

std::string kindOrderName(const std::vector<LoadFile>& files) {
    std::string out;
    for (const auto& f : files) out += (out.empty() ? "" : ", ") + kindInfo(f.kind).name;
    return out;
}

}  // namespace

std::vector<FileResult> Loader::load(std::vector<LoadFile> files) {
    if (files.empty()) throw app::UsageError("load: no file given");
    std::stable_sort(files.begin(), files.end(), [](const LoadFile& a, const LoadFile& b) {
        return static_cast<int>(a.kind) < static_cast<int>(b.kind);
    });
    // Checked without opening: each file is opened and read once, when it is staged, so a
    // FIFO or /dev/stdin works (a FIFO opened here would block, and be read empty later).
    for (const auto& f : files) {
        std::error_code ec;
        if (std::filesystem::is_directory(f.path, ec))
            throw app::UsageError(f.path + ": cannot open the " + kindInfo(f.kind).name + " file: it is a directory");
        if (::access(f.path.c_str(), R_OK) != 0)
            throw app::UsageError(f.path + ": cannot open the " + kindInfo(f.kind).name + " file: " + std::strerror(errno));
    }
    spdlog::info("load: {} file(s): {}", files.size(), kindOrderName(files));

    std::vector<FileResult> results;
    for (const auto& f : files) {
        FileResult r;
        r.kind = &kindInfo(f.kind);
        r.path = f.path;
        results.push_back(r);
    }
    try {
        for (auto& r : results) {
            r.batchId = createBatch(*r.kind, r.path, isEventKind(*r.kind));
            stage(r);
        }
    } catch (const MalformedFile& bad) {
        abandon(results, 0);
        throw app::UsageError(bad.path + ":" + std::to_string(bad.line) + ": " + bad.what +
                              " (nothing of this load was loaded)");
    } catch (...) {
        abandon(results, 0);
        throw;
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
        try {
            promote(results[i]);
            releaseBatchLock(results[i].batchId);
        } catch (...) {
            spdlog::error("load: promoting {} {} (batch {}) failed; it and the files after it are abandoned. Once "
                          "the cause is fixed, re-running the same load completes it: lines already loaded count "
                          "as duplicates or unchanged, quarantined lines are recorded once",
                          results[i].kind->name, results[i].path, results[i].batchId);
            abandon(results, i);
            throw;
        }
    }
    return results;
}

std::vector<FileResult> Loader::loadInboxes() {
    std::vector<FileResult> results;
    for (Kind kind : {Kind::Views, Kind::AdViews}) {
        const KindInfo& info = kindInfo(kind);
        auto start = Clock::now();
        db_.execute("CALL stage_event_inbox(" + db_.quote(info.name) + ", @settlement_inbox_batch)");
        auto batch = db_.scalar("SELECT @settlement_inbox_batch");
        if (!batch) continue;
        FileResult r;
        r.kind = &info;
        r.path = std::string("inbox ") + (kind == Kind::Views ? "view_event_inbox" : "ad_event_inbox");
        r.batchId = std::stoull(*batch);
        r.rowsRead = std::stoull(db_.scalar("SELECT rows_read FROM load_batch WHERE id = " + *batch).value());
        r.stageSeconds = secondsSince(start);
        promote(r);
        releaseBatchLock(r.batchId);
        results.push_back(std::move(r));
    }
    return results;
}

std::vector<FileResult> Loader::finishLeftovers() {
    std::vector<FileResult> results;
    for (const auto& row : db_.query("CALL find_load_leftovers()").rows) {
        // batch_id, kind, source, file_name, state, staged_rows, action
        const KindInfo* kind = nullptr;
        for (const auto& k : allKinds())
            if (k.name == *row[1]) kind = &k;
        if (!kind) continue;
        if (*row[6] == "ABANDONED" && *row[4] == "PROMOTING") {
            spdlog::warn("load: batch {} ({} {}) was being promoted by a load that died, and the lines it had not "
                         "sent yet went with it: load that file again (what was loaded counts as duplicates)",
                         *row[0], kind->name, *row[3]);
            continue;
        }
        if (*row[6] == "ABANDONED") {
            spdlog::warn("load: batch {} ({} {}) was being read by a load that died; its {} staged line(s) were "
                         "removed and nothing of it was loaded: load that file again", *row[0], kind->name, *row[3],
                         *row[5]);
            continue;
        }
        FileResult r;
        r.kind = kind;
        r.path = *row[3] + " (batch " + *row[0] + ", left " + *row[4] + " by a load that died)";
        r.batchId = std::stoull(*row[0]);
        r.rowsRead = std::stoull(db_.scalar("SELECT rows_read FROM load_batch WHERE id = " + *row[0]).value());
        spdlog::warn("load: finishing batch {} ({} {}): {} line(s) still staged", *row[0], kind->name, *row[3], *row[5]);
        try {
            promote(r);
        } catch (const db::DatabaseError& e) {
            // Another load took it in the meantime: it is that load's to finish.
            if (std::string(e.what()).find("another session is promoting") == std::string::npos) throw;
            continue;
        }
        results.push_back(std::move(r));
    }
    return results;
}

void Loader::releaseBatchLock(std::uint64_t batchId) {
    db_.execute("CALL lock_name(" + db_.quote("load_batch." + std::to_string(batchId)) + ", @settlement_batch_lock)");
    db_.execute("DO RELEASE_LOCK(@settlement_batch_lock)");
}

std::uint64_t Loader::createBatch(const KindInfo& kind, const std::string& path, bool spooled) {
    std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    db_.update("INSERT INTO load_batch (kind, file_name, owner_host, owner_pid, spooled) VALUES (" +
               db_.quote(kind.name) + ", " + db_.quote(truncateUtf8(absolute, 1000)) + ", " +
               db_.quote(Poco::Environment::nodeName()) + ", " + std::to_string(::getpid()) + ", " +
               (spooled ? "TRUE" : "FALSE") + ")");
    std::uint64_t id = std::stoull(db_.scalar("SELECT LAST_INSERT_ID()").value());
    // Held while this load works on the batch: a later load that finds the batch unfinished
    // and its lock free knows its owner died (find_load_leftovers).
    db_.execute("CALL lock_name(" + db_.quote("load_batch." + std::to_string(id)) + ", @settlement_batch_lock)");
    db_.execute("DO GET_LOCK(@settlement_batch_lock, 0)");
    return id;
}

void Loader::stage(FileResult& file) {
    auto start = Clock::now();
    const KindInfo& kind = *file.kind;
    std::ifstream in(file.path, std::ios::binary);
    if (!in) throw MalformedFile{file.path, 1, std::string("cannot open: ") + std::strerror(errno)};
    CsvReader reader(in, maxLineBytes_);
    RowParser parser(kind);
    CsvRecord record;
    StagedRow row;
    try {
        if (!reader.next(record))
            throw MalformedFile{file.path, 1, "the file is empty; expected the header '" + kind.header() + "'"};
        std::string headerProblem = parser.checkHeader(record);
        if (!headerProblem.empty()) throw MalformedFile{file.path, record.line, headerProblem};

        // An event file's lines that parsed wait in the spool; the others, and a catalog
        // file's lines, go to the stage table.
        StageWriter writer(db_, kind, file.batchId);
        if (isEventKind(kind)) file.spool = std::make_shared<LineSpool>();
        auto lastReport = start;
        std::uint64_t rows = 0;
        while (reader.next(record)) {
            parser.parse(record, row);
            ++rows;
            if (file.spool && row.error.empty()) file.spool->add(row);
            else writer.add(row);
            if (file.spool) file.spool->noteLine(row.line);
            if (rows % 100000 == 0 && std::chrono::duration<double>(Clock::now() - lastReport).count() >= 5) {
                lastReport = Clock::now();
                double s = secondsSince(start);
                spdlog::info("load: {} {}: {} rows read, line {}, {:.0f} rows/s", kind.name, file.path, rows,
                             record.line, static_cast<double>(rows) / s);
            }
        }
        if (file.spool) file.spool->finish();
        writer.flush();
        file.rowsRead = rows;
    } catch (const CsvError& e) {
        throw MalformedFile{file.path, e.line(), e.what()};
    }
    db_.update("UPDATE load_batch SET rows_read = " + std::to_string(file.rowsRead) + " WHERE id = " +
               std::to_string(file.batchId));
    file.stageSeconds = secondsSince(start);
    spdlog::info("load: {} {}: {} rows read as batch {} in {:.2f} s{}", kind.name, file.path, file.rowsRead,
                 file.batchId, file.stageSeconds,
                 file.spool ? fmt::format(" ({} parsed lines kept in {} chunk(s) for the promote)", file.spool->lines(),
                                          file.spool->chunks().size())
                            : "");
}

void Loader::promote(FileResult& file) {
    auto start = Clock::now();
    std::string id = std::to_string(file.batchId);
    db::ResultTable table;
    if (file.spool) {
        table = promoteSpooled(file);
        file.spool.reset();  // the temporary file goes
    } else {
        std::string call = "CALL " + file.kind->procedure + "(" + id + ")";
        spdlog::info("load: {} {}: promoting batch {} ({} rows): {}", file.kind->name, file.path, id, file.rowsRead,
                     call);
        engine::RetryPolicy policy(retry_);
        callRetrying(policy, "calling it again for the lines still staged", [&] { table = db_.query(call); });
    }
    std::uint64_t itemised = 0;
    for (const auto& row : table.rows) {
        if (row.size() < 3) continue;
        Outcome o{row[0].value_or(""), row[1].value_or(""), std::stoull(row[2].value_or("0"))};
        if (o.outcome == "notice") spdlog::warn("load: {} {}: {}", file.kind->name, file.path, o.reason);
        else itemised += o.count;
        file.outcomes.push_back(o);
    }
    // Chunks an interrupted attempt committed are in load_batch but not in this result set.
    auto counted = db_.scalar("SELECT loaded + duplicates + rejected FROM load_batch WHERE id = " + id);
    std::uint64_t total = counted ? std::stoull(*counted) : itemised;
    if (total > itemised) {
        std::string note = std::to_string(total - itemised) + " lines were promoted by an interrupted attempt: "
                           "counted in load_batch " + id + ", not itemised in the summary";
        spdlog::warn("load: {} {}: {}", file.kind->name, file.path, note);
        file.outcomes.push_back({"notice", note, 0});
    }
    file.promoteSeconds = secondsSince(start);
    spdlog::info("load: {} {}: batch {} promoted in {:.2f} s", file.kind->name, file.path, id, file.promoteSeconds);
}

db::ResultTable Loader::promoteSpooled(FileResult& file) {
    const KindInfo& kind = *file.kind;
    std::string id = std::to_string(file.batchId);
    bool views = kind.kind == Kind::Views;
    std::string lineTable = views ? "tmp_view_line" : "tmp_ad_view_line";
    std::string check = views ? "check_view_lines" : "check_ad_view_lines";
    std::string commit = "commit_event_lines";
    const auto& chunks = file.spool->chunks();
    spdlog::info("load: {} {}: promoting batch {} ({} rows) in {} chunk(s) with {} and {}", kind.name, file.path, id,
                 file.rowsRead, chunks.size(), check, commit);
    db_.execute("CALL begin_promote_batch(" + id + ", " + db_.quote(kind.name) +
                ", 'settlement load', @settlement_promote_lock)");
    try {
        // Two sessions take the chunks in turn: while one commits chunk i, the other sends and
        // checks chunk i + 1. Commits go in chunk order (the first occurrence of an id wins).
        std::unique_ptr<db::Connection> helper;
        if (chunks.size() > 1 && !std::getenv("SETTLEMENT_EXPERIMENT_ONE_SESSION")) {
            helper = db::Connection::open(db_.settings(), 0, localInfile_);
            helper->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
            helper->execute("CALL join_promote_batch(" + id + ", " + helper->quote(kind.name) + ")");
        }
        std::mutex mutex;
        std::condition_variable turn;
        std::size_t committed = 0;  // chunks committed, in order
        bool failed = false;
        std::exception_ptr error;
        auto lastReport = Clock::now();
        const std::size_t step = helper ? 2 : 1;
        auto work = [&](db::Connection& db, std::size_t first) {
            try {
                engine::RetryPolicy policy(retry_);
                for (std::size_t i = first; i < chunks.size(); i += step) {
                    const auto& chunk = chunks[i];
                    std::string range = id + ", " + std::to_string(chunk.firstLine) + ", " + std::to_string(chunk.lastLine);
                    // A failed check emptied the line table: the lines go again.
                    callRetrying(policy, "sending chunk " + std::to_string(i + 1) + " again", [&] {
                        sendLines(db, file, chunk, lineTable, first);
                        db.execute("CALL " + check + "(" + range + ")");
                    });
                    {
                        std::unique_lock<std::mutex> lock(mutex);
                        turn.wait(lock, [&] { return failed || committed == i; });
                        if (failed) return;
                    }
                    // A failed commit was rolled back; the chunk's lines stay checked.
                    callRetrying(policy, "committing chunk " + std::to_string(i + 1) + " again",
                             [&] { db.execute("CALL " + commit + "(" + db.quote(kind.name) + ", " + range + ")"); });
                    std::lock_guard<std::mutex> lock(mutex);
                    committed = i + 1;
                    turn.notify_all();
                    if (std::chrono::duration<double>(Clock::now() - lastReport).count() >= 5) {
                        lastReport = Clock::now();
                        spdlog::info("load: {} {}: {} of {} chunk(s) promoted", kind.name, file.path, committed,
                                     chunks.size());
                    }
                }
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!failed) error = std::current_exception();
                failed = true;
                turn.notify_all();
            }
        };
        std::thread second;
        if (helper) second = std::thread(work, std::ref(*helper), 1);
        work(db_, 0);
        if (second.joinable()) second.join();
        if (error) std::rethrow_exception(error);
        if (helper) {
            // The helper's outcomes join the beginning session's, which finish returns.
            for (const auto& row : helper->query("SELECT outcome, reason, n, ord FROM tmp_promote_outcome").rows)
                db_.execute("INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES (" + db_.quote(row[0]) +
                            ", " + db_.quote(row[1]) + ", " + row[2].value_or("0") + ", " + row[3].value_or("10") +
                            ") ON DUPLICATE KEY UPDATE n = n + VALUES(n)");
        }
        return db_.query("CALL finish_promote_batch(" + id + ", @settlement_promote_lock)");
    } catch (...) {
        try {
            db_.execute("CALL close_event_lines()");
            db_.execute("DO RELEASE_LOCK(@settlement_promote_lock)");
        } catch (...) {
        }
        throw;
    }
}

void Loader::sendLines(db::Connection& db, FileResult& file, const LineSpool::Chunk& chunk,
                       const std::string& lineTable, std::size_t slot) {
    if (chunk.lines == 0) return;
    std::string columns = "line_no";
    for (const auto& f : file.kind->fields) columns += ", " + f.stageColumn;
    columns += ", seen_before";
    if (localInfile_) {
        std::string name = file.spool->prepare(chunk, slot);
        try {
            std::uint64_t n = db.update("LOAD DATA LOCAL INFILE " + db.quote(name) + " INTO TABLE " + lineTable +
                                        " CHARACTER SET utf8mb4 (" + columns + ")");
            if (n != chunk.lines)
                throw app::JobFailed("load: the server took " + std::to_string(n) + " of the " +
                                     std::to_string(chunk.lines) + " lines " + std::to_string(chunk.firstLine) + ".." +
                                     std::to_string(chunk.lastLine) + " of " + file.path);
            return;
        } catch (const db::DatabaseError& e) {
            if (!refusesLocalInfile(e.mysqlCode())) throw;
            if (localInfile_.exchange(false))
                spdlog::warn("load: LOAD DATA LOCAL INFILE is refused ({}); the lines go as INSERT statements, "
                             "which is slower. Allow it on the server (local_infile = ON) for bulk-load speed",
                             e.what());
            db.execute("DELETE FROM " + lineTable);
        }
    }
    std::string prefix = "INSERT INTO " + lineTable + " (" + columns + ") VALUES ";
    std::string sql;
    std::size_t pending = 0;
    file.spool->forEachLine(chunk, [&](const std::vector<std::string>& fields) {
        sql += pending == 0 ? prefix : ",";
        sql += '(';
        for (std::size_t i = 0; i < fields.size(); ++i) sql += (i ? "," : "") + db.quote(fields[i]);
        sql += ')';
        if (++pending == kInsertRows) {
            db.update(sql);
            sql.clear();
            pending = 0;
        }
    });
    if (pending > 0) db.update(sql);
}

void Loader::abandon(const std::vector<FileResult>& files, std::size_t from) {
    for (std::size_t i = from; i < files.size(); ++i) {
        if (files[i].batchId == 0) continue;
        try {
            std::string id = std::to_string(files[i].batchId);
            db_.update("DELETE FROM " + files[i].kind->stageTable + " WHERE batch_id = " + id);
            db_.update("UPDATE load_batch SET state = 'ABANDONED', finished_at = NOW(3) WHERE id = " + id +
                       " AND state IN ('STAGING', 'PROMOTING')");
            releaseBatchLock(files[i].batchId);
        } catch (const std::exception& e) {
            spdlog::warn("load: could not abandon batch {}: {}", files[i].batchId, e.what());
        }
    }
}

}  // namespace settlement::load

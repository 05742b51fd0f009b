#pragma once
// The parsed lines of an event file, kept by the loading client from the moment they are
// read until every file of the command has been read (a malformed file loads nothing of
// the command, SPEC 4), then handed to the server chunk by chunk.
//
// The lines are tab-separated text (LOAD DATA's default format: \t between fields, \n after
// a line, \\ \t \n \0 escaped): the line number, the kind's fields, then seen_before (1 when
// the line's first field, the event_id, is on an earlier line of the same chunk: a hint
// that spares the promote a search, which it verifies). They are kept in an unlinked
// temporary file under TMPDIR, so nothing is left behind whatever ends the process and the
// client's memory stays small whatever the file's size (about 80 bytes of disk a view
// event; the event ids of one chunk in memory). They are cut into chunks of at most
// linesPerChunk lines whose line-number ranges follow each other without a gap, so every
// line of the file, one that did not parse included, falls in exactly one chunk.
//
// prepare() copies one chunk into another unlinked file (one per slot, so that two
// connections can send chunks at once) and returns a name the client library can open for
// LOAD DATA LOCAL INFILE: /proc/self/fd/N (Linux).
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "load/RowParser.h"

namespace settlement::load {

class LineSpool {
public:
    struct Chunk {
        std::uint64_t offset = 0;     // bytes into the spool
        std::uint64_t bytes = 0;
        std::uint64_t lines = 0;      // parsed lines in it
        std::uint64_t firstLine = 0;  // line-number range of the file it covers, inclusive
        std::uint64_t lastLine = 0;
    };

    // Throws std::runtime_error when no temporary file can be made.
    explicit LineSpool(std::size_t linesPerChunk = 100000);
    ~LineSpool();
    LineSpool(const LineSpool&) = delete;
    LineSpool& operator=(const LineSpool&) = delete;

    // A line that parsed: its line number, then its values in the kind's field order.
    void add(const StagedRow& row);
    // Any line read (parsed or not), so that the chunks' ranges cover it.
    void noteLine(std::uint64_t line) { lastLine_ = std::max(lastLine_, line); }
    // After the last line: the last chunk's range ends at the last line noted.
    void finish();

    const std::vector<Chunk>& chunks() const { return chunks_; }
    std::uint64_t lines() const { return lines_; }

    // Writes the chunk into the slot's chunk file; returns the name to give LOAD DATA LOCAL
    // INFILE. Different slots may be prepared from different threads at once.
    std::string prepare(const Chunk& chunk, std::size_t slot = 0);
    // The chunk's lines as fields (unescaped), for when the server refuses LOCAL INFILE.
    void forEachLine(const Chunk& chunk, const std::function<void(const std::vector<std::string>&)>& onLine);

    // A value as a field of a line: \ tab LF CR NUL escaped.
    static void appendField(std::string& out, const std::string& text);

private:
    void flush();
    void closeChunk();

    std::size_t linesPerChunk_;
    static constexpr std::size_t kSlots = 2;
    int fd_ = -1;
    int chunkFd_[kSlots] = {-1, -1};
    std::string buffer_;
    std::uint64_t written_ = 0;  // bytes in the file (flushed)
    std::uint64_t lines_ = 0;
    std::uint64_t lastLine_ = 0;
    Chunk current_;
    std::vector<Chunk> chunks_;
    std::unordered_set<std::uint64_t> chunkIds_;  // the event ids of the current chunk
};

}  // namespace settlement::load

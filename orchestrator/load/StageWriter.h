#pragma once
// Writes the staged rows of one batch into its stage table with multi-row INSERTs of a few
// thousand rows each (bulk, not row by row). Each statement commits on its own: staging
// is scratch space that the promote procedure, or an abandoned load, deletes.
#include <cstdint>
#include <string>

#include "db/Connection.h"
#include "load/LoadKind.h"
#include "load/RowParser.h"

namespace settlement::load {

class StageWriter {
public:
    StageWriter(db::Connection& db, const KindInfo& kind, std::uint64_t batchId,
                std::size_t rowsPerStatement = 5000, std::size_t bytesPerStatement = 4 << 20);

    void add(const StagedRow& row);
    // Sends the rows not sent yet.
    void flush();
    std::uint64_t rows() const { return rows_; }

private:
    void appendText(const std::string& text);

    db::Connection& db_;
    std::string prefix_;
    std::string batch_;
    std::string sql_;
    std::size_t pending_ = 0;
    std::size_t rowsPerStatement_;
    std::size_t bytesPerStatement_;
    std::uint64_t rows_ = 0;
};

}  // namespace settlement::load

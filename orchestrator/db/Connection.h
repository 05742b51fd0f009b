#pragma once
// One MySQL/MariaDB connection through mysql-connector-c++, which reports MySQL error
// numbers (Poco Data's MySQL connector does not). Every statement error becomes a
// db::DatabaseError carrying the number and the statement's purpose.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/Settings.h"

namespace sql { class Connection; }

namespace settlement::db {

using Value = std::optional<std::string>;  // NULL is nullopt
using Row = std::vector<Value>;

struct ResultTable {
    std::vector<std::string> columns;
    std::vector<Row> rows;
};

class Connection {
public:
    // Connects, then sets the session to UTC, a strict sql_mode and utf8mb4. Throws
    // DatabaseError (exit 75 when unreachable, 2 when the credentials are refused).
    // readTimeoutSec > 0 bounds every wait for the server's answer (and for sending), so
    // it is only for connections whose statements are all quick (the watchdog's pings).
    // localInfile lets the connection send a file of the program's for LOAD DATA LOCAL
    // INFILE (the loader's; the server must allow it too: local_infile).
    static std::unique_ptr<Connection> open(const config::DatabaseSettings& settings, int readTimeoutSec = 0,
                                            bool localInfile = false);
    ~Connection();

    // Runs one statement (a whole CREATE PROCEDURE included) and discards any results.
    void execute(const std::string& sql);
    // Runs a versioned migration's statements one by one (see SqlScript.h).
    void executeScript(const std::string& script);
    // Runs one statement and returns the number of affected rows.
    std::uint64_t update(const std::string& sql);
    // Runs a SELECT or a CALL and returns its first result set (the rest are drained).
    ResultTable query(const std::string& sql);
    // First column of the first row, or nullopt when there is no row or it is NULL.
    Value scalar(const std::string& sql);

    // Escapes and quotes a string literal for this connection; NULL for nullopt.
    std::string quote(const Value& value);

    const config::DatabaseSettings& settings() const { return settings_; }

private:
    Connection(std::unique_ptr<sql::Connection> raw, config::DatabaseSettings settings);
    std::unique_ptr<sql::Connection> raw_;
    config::DatabaseSettings settings_;
};

// A quoted identifier (database, table, routine name): `name`, with a backtick in it doubled.
std::string quoteIdentifier(const std::string& name);

}  // namespace settlement::db

#include "db/Connection.h"

#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <mutex>

#include "db/DatabaseError.h"
#include "db/SqlScript.h"

namespace settlement::db {
namespace {

[[noreturn]] void rethrow(const sql::SQLException& e, const std::string& sqlText,
                          const config::DatabaseSettings& settings) {
    std::string statement = sqlText.substr(0, 160);
    for (char& ch : statement)
        if (ch == '\n' || ch == '\r') ch = ' ';
    // The server's text names the privilege and the object ("INSERT command denied to user
    // ... for table `db`.`view_log`"); say plainly that the account lacks it.
    std::string lead = isMissingPrivilege(e.getErrorCode())
                           ? "missing privilege: the account " + settings.user + " may not do this (README "
                             "\"Least privilege\" lists each account's grants): "
                           : "";
    throw DatabaseError(e.getErrorCode(), e.getSQLState(),
                        lead + "MySQL error " + std::to_string(e.getErrorCode()) + " (" + e.getSQLState() + "): " +
                            e.what() + " [in: " + statement + (sqlText.size() > 160 ? "...]" : "]"));
}

ResultTable readAll(sql::ResultSet& rs) {
    ResultTable table;
    sql::ResultSetMetaData* meta = rs.getMetaData();
    unsigned count = meta->getColumnCount();
    for (unsigned i = 1; i <= count; ++i) table.columns.emplace_back(meta->getColumnLabel(i));
    while (rs.next()) {
        Row row;
        row.reserve(count);
        for (unsigned i = 1; i <= count; ++i) {
            if (rs.isNull(i)) row.emplace_back(std::nullopt);
            else row.emplace_back(std::string(rs.getString(i)));
        }
        table.rows.push_back(std::move(row));
    }
    return table;
}

void drain(sql::Statement& st) {
    while (st.getMoreResults()) {
        std::unique_ptr<sql::ResultSet> rs(st.getResultSet());
    }
}

}  // namespace

std::unique_ptr<Connection> Connection::open(const config::DatabaseSettings& s, int readTimeoutSec, bool localInfile) {
    static std::mutex driverMutex;  // the driver's first use is not thread-safe
    sql::Driver* driver;
    {
        std::lock_guard<std::mutex> lock(driverMutex);
        driver = sql::mysql::get_mysql_driver_instance();
    }
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(s.host);
    options["port"] = s.port;
    options["userName"] = sql::SQLString(s.user);
    options["password"] = sql::SQLString(s.password);
    if (!s.socket.empty()) options["socket"] = sql::SQLString(s.socket);
    options["OPT_CONNECT_TIMEOUT"] = s.connectTimeoutSec;
    // A timeout given here wins over the settings' (the watchdog's own ping connection).
    int timeout = readTimeoutSec > 0 ? readTimeoutSec : s.readTimeoutSec;
    if (timeout > 0) {
        options["OPT_READ_TIMEOUT"] = timeout;
        options["OPT_WRITE_TIMEOUT"] = timeout;
    }
    options["OPT_RECONNECT"] = false;  // a reconnect is ours to decide, after a rollback
    if (localInfile) options["OPT_LOCAL_INFILE"] = 1;
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    // The database goes to the server in the handshake, not in a `USE` statement: a name
    // with a backtick, a space or a semicolon needs no quoting there.
    options["schema"] = sql::SQLString(s.name);
    std::unique_ptr<sql::Connection> raw;
    try {
        raw.reset(driver->connect(options));
    } catch (const sql::SQLException& e) {
        std::string what = "cannot connect to " + s.describe() + ": MySQL error " +
                           std::to_string(e.getErrorCode()) + ": " + e.what();
        if (e.getErrorCode() == 1049) what = "database '" + s.name + "' on " + s.describe() + ": " + e.what();
        throw DatabaseError(e.getErrorCode(), e.getSQLState(), what);
    }
    auto connection = std::unique_ptr<Connection>(new Connection(std::move(raw), s));
    connection->execute(
        "SET SESSION time_zone = '+00:00', "
        "sql_mode = 'STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
    return connection;
}

Connection::Connection(std::unique_ptr<sql::Connection> raw, config::DatabaseSettings settings)
    : raw_(std::move(raw)), settings_(std::move(settings)) {}

Connection::~Connection() {
    try {
        if (raw_) raw_->close();
    } catch (...) {
    }
}

void Connection::execute(const std::string& text) {
    try {
        std::unique_ptr<sql::Statement> st(raw_->createStatement());
        if (st->execute(text)) {
            std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
        }
        drain(*st);
    } catch (const sql::SQLException& e) {
        rethrow(e, text, settings_);
    }
}

void Connection::executeScript(const std::string& script) {
    for (const auto& statement : splitStatements(script)) execute(statement);
}

std::uint64_t Connection::update(const std::string& text) {
    try {
        std::unique_ptr<sql::Statement> st(raw_->createStatement());
        auto count = st->executeUpdate(text);
        drain(*st);
        return count;
    } catch (const sql::SQLException& e) {
        rethrow(e, text, settings_);
    }
}

ResultTable Connection::query(const std::string& text) {
    try {
        std::unique_ptr<sql::Statement> st(raw_->createStatement());
        ResultTable table;
        if (st->execute(text)) {
            std::unique_ptr<sql::ResultSet> rs(st->getResultSet());
            table = readAll(*rs);
        }
        drain(*st);
        return table;
    } catch (const sql::SQLException& e) {
        rethrow(e, text, settings_);
    }
}

Value Connection::scalar(const std::string& text) {
    ResultTable t = query(text);
    if (t.rows.empty() || t.rows.front().empty()) return std::nullopt;
    return t.rows.front().front();
}

std::string quoteIdentifier(const std::string& name) {
    std::string out = "`";
    for (char c : name) {
        if (c == '`') out += '`';
        out += c;
    }
    return out + "`";
}

std::string Connection::quote(const Value& value) {
    if (!value) return "NULL";
    auto* native = dynamic_cast<sql::mysql::MySQL_Connection*>(raw_.get());
    return "'" + std::string(native->escapeString(*value)) + "'";
}

}  // namespace settlement::db

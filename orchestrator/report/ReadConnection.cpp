#include "report/ReadConnection.h"

namespace settlement::report {

ReadTarget readTarget(const config::Settings& settings, bool primary) {
    if (settings.replica && !primary) return {*settings.replica, true};
    return {settings.db, false};
}

std::unique_ptr<db::Connection> openReadConnection(const config::DatabaseSettings& db) {
    auto connection = db::Connection::open(db);
    connection->execute("SET SESSION TRANSACTION READ ONLY");
    return connection;
}

}  // namespace settlement::report

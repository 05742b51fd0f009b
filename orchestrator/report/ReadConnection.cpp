#include "report/ReadConnection.h"

namespace settlement::report {

std::unique_ptr<db::Connection> openReadConnection(const config::Settings& settings) {
    // A replica's settings would be chosen here, falling back to the primary's.
    auto connection = db::Connection::open(settings.db);
    connection->execute("SET SESSION TRANSACTION READ ONLY");
    return connection;
}

}  // namespace settlement::report

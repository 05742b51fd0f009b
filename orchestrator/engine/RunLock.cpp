#include "engine/RunLock.h"

namespace settlement::engine {

std::string runLockName(db::Connection& c, const std::string& job, const std::string& date) {
    // Lock names are at most 64 characters; the database name keeps test databases apart.
    return c.scalar("SELECT CONCAT(LEFT(DATABASE(), 40), ':', " + c.quote(job) + ", ':', " +
                    c.quote(date) + ")").value_or(job + ":" + date);
}

RunLock::RunLock(db::Connection& connection, const std::string& job, const std::string& date)
    : db_(connection), name_(runLockName(connection, job, date)) {}

RunLock::~RunLock() {
    if (!held_) return;
    try {
        db_.execute("DO RELEASE_LOCK(" + db_.quote(name_) + ")");
    } catch (...) {
        // The lock dies with the connection anyway.
    }
}

bool RunLock::tryAcquire() {
    held_ = db_.scalar("SELECT GET_LOCK(" + db_.quote(name_) + ", 0)") == std::optional<std::string>("1");
    return held_;
}

long long RunLock::holderConnectionId() {
    auto v = db_.scalar("SELECT IS_USED_LOCK(" + db_.quote(name_) + ")");
    return v ? std::stoll(*v) : 0;
}

}  // namespace settlement::engine

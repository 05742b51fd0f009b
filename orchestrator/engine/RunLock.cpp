#include "engine/RunLock.h"

namespace settlement::engine {

std::string lockName(db::Connection& connection, const std::string& scope) {
    connection.execute("CALL lock_name(" + connection.quote(scope) + ", @settlement_lock_name)");
    return connection.scalar("SELECT @settlement_lock_name").value();
}

std::string dateScope(const std::string& date) { return "daily." + date; }

RunLock::RunLock(db::Connection& connection, const std::string& scope)
    : db_(connection), name_(lockName(connection, scope)) {}

RunLock::~RunLock() {
    if (!held_) return;
    try {
        db_.execute("DO RELEASE_LOCK(" + db_.quote(name_) + ")");
    } catch (...) {
        // The lock dies with the connection anyway.
    }
}

bool RunLock::tryAcquire(int waitSec) {
    held_ = db_.scalar("SELECT GET_LOCK(" + db_.quote(name_) + ", " + std::to_string(waitSec) + ")") ==
            std::optional<std::string>("1");
    return held_;
}

long long RunLock::holderConnectionId() {
    auto v = db_.scalar("SELECT IS_USED_LOCK(" + db_.quote(name_) + ")");
    return v ? std::stoll(*v) : 0;
}

}  // namespace settlement::engine

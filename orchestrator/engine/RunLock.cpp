#include "engine/RunLock.h"

#include <Poco/Environment.h>
#include <unistd.h>

namespace settlement::engine {

std::string lockName(db::Connection& connection, const std::string& scope) {
    connection.execute("CALL lock_name(" + connection.quote(scope) + ", @settlement_lock_name)");
    return connection.scalar("SELECT @settlement_lock_name").value();
}

std::string dateScope(const std::string& date) { return "daily." + date; }

RunLock::RunLock(db::Connection& connection, const std::string& scope)
    : db_(connection), scope_(scope), name_(lockName(connection, scope)) {}

RunLock::~RunLock() {
    if (!held_) return;
    try {
        db_.execute("DO RELEASE_LOCK(" + db_.quote(name_) + ")");
    } catch (...) {
        // The lock dies with the connection anyway.
    }
}

bool RunLock::tryAcquire(int waitSec) {
    db_.execute("CALL take_run_lock(" + db_.quote(scope_) + ", " + std::to_string(waitSec) + ", " +
                db_.quote(Poco::Environment::nodeName()) + ", " + std::to_string(::getpid()) +
                ", @settlement_lock_taken)");
    held_ = db_.scalar("SELECT @settlement_lock_taken") == std::optional<std::string>("1");
    return held_;
}

long long RunLock::holderConnectionId() {
    auto v = db_.scalar("SELECT IS_USED_LOCK(" + db_.quote(name_) + ")");
    return v ? std::stoll(*v) : 0;
}

}  // namespace settlement::engine

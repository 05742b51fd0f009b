#include "support/ReplicaServer.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <thread>

namespace settlement::test {

int primaryPort() { return SETTLEMENT_TEST_PRIMARY_DB_PORT; }

ReplicaServer::ReplicaServer() {
    config::DatabaseSettings admin = testServer("mysql");
    admin.port = SETTLEMENT_TEST_REPLICA_DB_PORT;
    admin_ = openFixtureServer(admin, "the test replica", "database_replica_start");
}

ReplicaServer::~ReplicaServer() {
    try {
        admin_->execute("START SLAVE");
    } catch (const std::exception& e) {
        ADD_FAILURE() << "START SLAVE on the test replica failed: " << e.what();
    }
}

int ReplicaServer::port() const { return SETTLEMENT_TEST_REPLICA_DB_PORT; }

bool ReplicaServer::catchUp(TestDatabase& primary, std::chrono::seconds limit) {
    // MariaDB's MASTER_GTID_WAIT: 0 once the replica applied the primary's position, -1
    // after the timeout.
    std::string position = primary.sql().scalar("SELECT @@GLOBAL.gtid_binlog_pos").value_or("");
    auto waited = admin_->scalar("SELECT MASTER_GTID_WAIT(" + admin_->quote(position) + ", " +
                                 std::to_string(limit.count()) + ")");
    return waited == db::Value("0");
}

void ReplicaServer::stopApplying() { admin_->execute("STOP SLAVE SQL_THREAD"); }

void ReplicaServer::startReplication() { admin_->execute("START SLAVE"); }

std::vector<std::string> ReplicaServer::rows(const std::string& query) { return rowLines(admin_->query(query)); }

std::map<std::string, std::string> ReplicaServer::readEnv() const {
    return {{"SETTLEMENT_READ_DB_HOST", "127.0.0.1"}, {"SETTLEMENT_READ_DB_PORT", std::to_string(port())}};
}

HeartbeatProcess::HeartbeatProcess(const TestDatabase& db, int intervalMs, std::map<std::string, std::string> env)
    : pid_(db.startSettlement({"heartbeat", "--interval-ms", std::to_string(intervalMs)}, std::move(env))) {}

bool HeartbeatProcess::firstBeat(TestDatabase& db, std::chrono::milliseconds limit) {
    return waitFor([&] { return db.count("SELECT COUNT(*) FROM replication_heartbeat") == 1; }, limit);
}

HeartbeatProcess::~HeartbeatProcess() {
    if (!stopped_) stop();
}

int HeartbeatProcess::stop(std::chrono::milliseconds limit) {
    stopped_ = true;
    ::kill(pid_, SIGTERM);
    auto end = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (std::chrono::steady_clock::now() < end) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    return -1;
}

}  // namespace settlement::test

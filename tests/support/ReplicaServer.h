#pragma once
// The primary and replica of CTest's database_primary and database_replica fixtures
// (scripts/local-db.sh start --binlog, then start --replica-of) for the Replica.* tests:
// test databases are made on the primary and reach the replica by replication; this
// watches, stops and starts the replication, and says how to read the replica.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/TestDatabase.h"

namespace settlement::test {

// The port of the fixture's primary (binary log, GTIDs): TestDatabase(name, primaryPort()).
int primaryPort();

class ReplicaServer {
public:
    ReplicaServer();   // connects as the test user
    ~ReplicaServer();  // START SLAVE: a test that failed midway leaves replication running

    int port() const;
    // Waits until the replica applied everything the primary had written when called.
    bool catchUp(TestDatabase& primary, std::chrono::seconds limit = std::chrono::seconds(60));
    // STOP SLAVE SQL_THREAD: events still arrive (relay log) but are not applied.
    void stopApplying();
    void startReplication();  // START SLAVE
    // A query on the replica, rows as "a|b|c" (TestDatabase::rows).
    std::vector<std::string> rows(const std::string& query);
    // SETTLEMENT_READ_DB_HOST and _PORT: `report` and `serve` read the replica, with the
    // user and password of SETTLEMENT_DB_* (the db.read.* fallbacks).
    std::map<std::string, std::string> readEnv() const;

private:
    std::unique_ptr<db::Connection> admin_;
};

// `settlement heartbeat --interval-ms N` against a database, in the background, until the
// object goes (SIGTERM, then waitpid).
class HeartbeatProcess {
public:
    HeartbeatProcess(const TestDatabase& db, int intervalMs, std::map<std::string, std::string> env = {});
    ~HeartbeatProcess();
    // Waits until the first beat is in the database's heartbeat row (false after `limit`).
    bool firstBeat(TestDatabase& db, std::chrono::milliseconds limit = std::chrono::seconds(10));
    // SIGTERM; the exit code (-1 when it did not exit within `limit` and was killed).
    int stop(std::chrono::milliseconds limit = std::chrono::seconds(10));

private:
    pid_t pid_;
    bool stopped_ = false;
};

}  // namespace settlement::test

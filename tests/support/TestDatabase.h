#pragma once
// Integration-test support: a fresh database per test on the server CTest started, and a
// way to run the real `settlement` binary against it and read what it printed.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "db/Connection.h"

namespace settlement::test {

// The least-privilege accounts of SPEC §11 that scripts/local-db.sh creates (`--accounts`),
// and the one the suite runs each command with.
enum class Account {
    Admin,   // the test user: all privileges (the test's own SQL, creating databases)
    Owner,   // migrate
    Batch,   // load, run, partitions
    Reader,  // report, status
};
// The account a command runs with: the first word of `args` that is not an option.
Account accountFor(const std::vector<std::string>& args);

struct CommandResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs a program with extra environment variables and captures stdout and stderr.
CommandResult runProgram(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env = {});

// The test server's connection settings for one database.
config::DatabaseSettings testServer(const std::string& database);

// A connection to a server a CTest fixture starts (`fixture`: its setup test's name);
// when there is none, a test failure that says how to run the tests, then the error.
std::unique_ptr<db::Connection> openFixtureServer(const config::DatabaseSettings& settings, const std::string& what,
                                                  const std::string& fixture);

class TestDatabase {
public:
    // Drops and creates database `name` (any characters MySQL allows), connected as the test user.
    // port 0: the server of CTest's database fixture; another port: another server with
    // the same users (e.g. SETTLEMENT_TEST_BINLOG_DB_PORT).
    explicit TestDatabase(const std::string& name, int port = 0);
    ~TestDatabase();

    const std::string& name() const { return name_; }
    db::Connection& sql() { return *connection_; }
    // SETTLEMENT_DB_* for this database, as `account` (the owner's includes the accounts
    // migrate grants: SETTLEMENT_BATCH_ACCOUNT, SETTLEMENT_READER_ACCOUNT).
    std::map<std::string, std::string> env(Account account = Account::Admin) const;
    // Connection settings of this database as `account`.
    config::DatabaseSettings settingsAs(Account account) const;
    // Runs the settlement binary against this database, with the account of its command
    // (accountFor); extraEnv may override any variable.
    CommandResult settlement(const std::vector<std::string>& args,
                             std::map<std::string, std::string> extraEnv = {}) const;
    // Starts the settlement binary in the background (output goes to the test's own).
    int startSettlement(const std::vector<std::string>& args,
                        std::map<std::string, std::string> extraEnv = {}) const;
    // Runs `settlement migrate`; throws (failing the test) when it does not succeed.
    void migrate() const;

    // A whole-number query result, e.g. "SELECT COUNT(*) FROM view_log".
    long long count(const std::string& query);
    // All rows of a query as "a|b|c" lines, in the query's order.
    std::vector<std::string> rows(const std::string& query);

private:
    std::string name_;
    config::DatabaseSettings settings_;
    std::unique_ptr<db::Connection> connection_;
};

// Waits until `condition` holds; false when it still does not after `limit`.
template <typename F>
bool waitFor(F condition, std::chrono::milliseconds limit = std::chrono::seconds(60)) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

// The rows of a result as "a|b|c" lines ("NULL" for NULL), in their order.
std::vector<std::string> rowLines(const db::ResultTable& table);

// Writes text to a new file under the test's temporary directory and returns its path.
std::string writeTempFile(const std::string& name, const std::string& content);
// The project's source directory (for fixtures and scripts).
std::string sourceDir();

}  // namespace settlement::test

#include "support/TestDatabase.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace settlement::test {

CommandResult runProgram(const std::string& program, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env) {
    Poco::Pipe outPipe, errPipe;
    Poco::Process::Env processEnv(env.begin(), env.end());
    Poco::ProcessHandle handle =
        Poco::Process::launch(program, args, std::string(), nullptr, &outPipe, &errPipe, processEnv);
    CommandResult result;
    // Read both pipes at once, so a chatty child never blocks on a full pipe.
    std::thread errReader([&] {
        Poco::PipeInputStream in(errPipe);
        std::ostringstream s;
        s << in.rdbuf();
        result.err = s.str();
    });
    {
        Poco::PipeInputStream in(outPipe);
        std::ostringstream s;
        s << in.rdbuf();
        result.out = s.str();
    }
    errReader.join();
    result.exitCode = handle.wait();
    return result;
}

config::DatabaseSettings testServer(const std::string& database) {
    // The server CTest's database_start fixture starts (scripts/local-db.sh); the
    // SETTLEMENT_TEST_DB_* variables point the tests at another one.
    auto env = [](const char* name, const std::string& fallback) {
        const char* v = std::getenv(name);
        return v ? std::string(v) : fallback;
    };
    config::DatabaseSettings s;
    s.host = env("SETTLEMENT_TEST_DB_HOST", "127.0.0.1");
    s.port = std::stoi(env("SETTLEMENT_TEST_DB_PORT", std::to_string(SETTLEMENT_TEST_DB_PORT)));
    s.user = env("SETTLEMENT_TEST_DB_USER", "settlement");
    s.password = env("SETTLEMENT_TEST_DB_PASSWORD", "settlement-local");
    s.name = database;
    return s;
}

std::unique_ptr<db::Connection> openFixtureServer(const config::DatabaseSettings& settings, const std::string& what,
                                                  const std::string& fixture) {
    try {
        return db::Connection::open(settings);
    } catch (const std::exception& e) {
        ADD_FAILURE() << what << " is unreachable (" << e.what() << "); run the tests through ctest, whose "
                      << fixture << " fixture starts it";
        throw;
    }
}

TestDatabase::TestDatabase(const std::string& name, int port) : name_(name), settings_(testServer(name)) {
    if (port != 0) settings_.port = port;
    config::DatabaseSettings admin = settings_;
    admin.name = "mysql";
    auto c = openFixtureServer(admin, "the test database server", "database_start");
    c->execute("DROP DATABASE IF EXISTS " + db::quoteIdentifier(name_));
    c->execute("CREATE DATABASE " + db::quoteIdentifier(name_));
    // The owner's grant of README "Least privilege", on this database (the accounts are
    // scripts/local-db.sh's); migrate as the owner grants the batch and reader accounts.
    c->execute("GRANT ALL PRIVILEGES ON " + db::quoteIdentifier(name_) + ".* TO " +
               c->quote(settingsAs(Account::Owner).user) + "@'%' WITH GRANT OPTION");
    connection_ = db::Connection::open(settings_);
}

TestDatabase::~TestDatabase() = default;

Account accountFor(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--config" || a == "--log-level" || a == "--log-file") {
            ++i;
            continue;
        }
        if (a.empty() || a[0] == '-') continue;
        if (a == "migrate") return Account::Owner;
        if (a == "report" || a == "status" || a == "serve" || a == "token") return Account::Reader;
        return Account::Batch;
    }
    return Account::Batch;
}

config::DatabaseSettings TestDatabase::settingsAs(Account account) const {
    config::DatabaseSettings s = settings_;
    // Names and local passwords as scripts/local-db.sh creates them.
    switch (account) {
        case Account::Admin: break;
        case Account::Owner: s.user = "settlement_owner"; s.password = "settlement-owner-local"; break;
        case Account::Batch: s.user = "settlement_batch"; s.password = "settlement-batch-local"; break;
        case Account::Reader: s.user = "settlement_reader"; s.password = "settlement-reader-local"; break;
    }
    return s;
}

std::map<std::string, std::string> TestDatabase::env(Account account) const {
    auto s = settingsAs(account);
    std::map<std::string, std::string> env{{"SETTLEMENT_DB_HOST", s.host},
                                           {"SETTLEMENT_DB_PORT", std::to_string(s.port)},
                                           {"SETTLEMENT_DB_USER", s.user},
                                           {"SETTLEMENT_DB_PASSWORD", s.password},
                                           {"SETTLEMENT_DB_NAME", s.name}};
    if (account == Account::Owner) {
        env["SETTLEMENT_BATCH_ACCOUNT"] = settingsAs(Account::Batch).user + "@%";
        env["SETTLEMENT_READER_ACCOUNT"] = settingsAs(Account::Reader).user + "@%";
    }
    return env;
}

CommandResult TestDatabase::settlement(const std::vector<std::string>& args,
                                       std::map<std::string, std::string> extraEnv) const {
    auto env = this->env(accountFor(args));
    for (auto& [k, v] : extraEnv) env[k] = v;
    return runProgram(SETTLEMENT_BINARY, args, env);
}

int TestDatabase::startSettlement(const std::vector<std::string>& args,
                                  std::map<std::string, std::string> extraEnv) const {
    auto env = this->env(accountFor(args));
    for (auto& [k, v] : extraEnv) env[k] = v;
    Poco::Process::Env processEnv(env.begin(), env.end());
    Poco::ProcessHandle handle =
        Poco::Process::launch(SETTLEMENT_BINARY, args, std::string(), nullptr, nullptr, nullptr, processEnv);
    return handle.id();
}

void TestDatabase::migrate() const {
    auto r = settlement({"migrate"});
    // Thrown, not asserted: a helper's ASSERT would let the calling test carry on.
    if (r.exitCode != 0) throw std::runtime_error("settlement migrate failed (exit " + std::to_string(r.exitCode) + "): " + r.err);
}

long long TestDatabase::count(const std::string& query) {
    auto v = connection_->scalar(query);
    return v ? std::stoll(*v) : 0;
}

std::vector<std::string> TestDatabase::rows(const std::string& query) { return rowLines(connection_->query(query)); }

std::vector<std::string> rowLines(const db::ResultTable& table) {
    std::vector<std::string> out;
    for (const auto& row : table.rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) line += "|";
            line += row[i] ? *row[i] : "NULL";
        }
        out.push_back(line);
    }
    return out;
}

std::string writeTempFile(const std::string& name, const std::string& content) {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "settlement-tests" /
                                (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::create_directories(dir);
    std::filesystem::path path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

std::string sourceDir() { return SETTLEMENT_SOURCE_DIR; }

}  // namespace settlement::test

#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>

#include "app/ExitCode.h"
#include "config/Settings.h"

using settlement::config::Settings;

namespace {

Poco::AutoPtr<Poco::Util::MapConfiguration> configWith(std::initializer_list<std::pair<const char*, const char*>> kv) {
    Poco::AutoPtr<Poco::Util::MapConfiguration> c(new Poco::Util::MapConfiguration);
    for (const auto& [k, v] : kv) c->setString(k, v);
    return c;
}

std::string usageErrorOf(std::initializer_list<std::pair<const char*, const char*>> kv) {
    try {
        Settings::from(*configWith(kv));
    } catch (const settlement::app::UsageError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(Settings, DefaultsFollowTheSpec) {
    auto s = Settings::from(*configWith({}));
    EXPECT_EQ(s.utcOffset, "+09:00");
    EXPECT_EQ(s.utcOffsetMinutes, 540);
    EXPECT_EQ(s.db.port, 3306);
    EXPECT_EQ(s.partitions.daysAhead, 7);
    EXPECT_EQ(s.partitions.retentionDays, 400);
    EXPECT_FALSE(s.partitions.archive);
    EXPECT_EQ(s.retry.maxAttempts, 5);
}

TEST(Settings, ReadsEveryGroup) {
    auto s = Settings::from(*configWith({{"db.host", "db.internal"}, {"db.port", "3307"}, {"db.name", "stl"},
                                         {"business.utc_offset", "-05:30"}, {"run.threads", "4"},
                                         {"retry.max_attempts", "9"}, {"partitions.archive", "true"}}));
    EXPECT_EQ(s.db.host, "db.internal");
    EXPECT_EQ(s.db.port, 3307);
    EXPECT_EQ(s.utcOffsetMinutes, -330);
    EXPECT_EQ(s.run.threads, 4);
    EXPECT_EQ(s.retry.maxAttempts, 9);
    EXPECT_TRUE(s.partitions.archive);
}

TEST(Settings, BadValuesNameTheirKey) {
    EXPECT_NE(usageErrorOf({{"db.port", "abc"}}).find("db.port"), std::string::npos);
    EXPECT_NE(usageErrorOf({{"db.port", "70000"}}).find("db.port must be a whole number from 1 to 65535"), std::string::npos);
    EXPECT_NE(usageErrorOf({{"business.utc_offset", "KST"}}).find("business.utc_offset"), std::string::npos);
    EXPECT_NE(usageErrorOf({{"run.threads", "-1"}}).find("run.threads"), std::string::npos);
}

TEST(Settings, AReplicaOnlyWhenItsHostOrSocketIsSet) {
    EXPECT_FALSE(Settings::from(*configWith({})).replica);
    // Empty values (the example file's `db.read.host =`) are no replica.
    EXPECT_FALSE(Settings::from(*configWith({{"db.read.host", ""}, {"db.read.user", "r"}, {"db.read.port", "3307"}})).replica);
    auto socket = Settings::from(*configWith({{"db.socket", "/run/primary.sock"}, {"db.read.socket", "/run/replica.sock"}}));
    ASSERT_TRUE(socket.replica);
    EXPECT_EQ(socket.replica->socket, "/run/replica.sock");
    EXPECT_EQ(socket.db.socket, "/run/primary.sock");
}

TEST(Settings, TheReplicaTakesThePrimarysPortUserAndPasswordUnlessItHasItsOwn) {
    auto same = Settings::from(*configWith({{"db.host", "primary"}, {"db.port", "3307"}, {"db.user", "reader"},
                                            {"db.password", "pw"}, {"db.name", "stl"}, {"db.socket", "/run/p.sock"},
                                            {"db.read.host", "replica"}, {"db.read.user", ""}}));
    ASSERT_TRUE(same.replica);
    EXPECT_EQ(same.replica->host, "replica");
    EXPECT_EQ(same.replica->port, 3307);
    EXPECT_EQ(same.replica->user, "reader");
    EXPECT_EQ(same.replica->password, "pw");
    EXPECT_EQ(same.replica->name, "stl");
    EXPECT_EQ(same.replica->socket, "");  // never the primary's socket
    EXPECT_EQ(same.db.host, "primary");
    auto own = Settings::from(*configWith({{"db.read.host", "replica"}, {"db.read.port", "3308"},
                                           {"db.read.user", "r"}, {"db.read.password", "rpw"}}));
    EXPECT_EQ(own.replica->port, 3308);
    EXPECT_EQ(own.replica->user, "r");
    EXPECT_EQ(own.replica->password, "rpw");
    EXPECT_NE(usageErrorOf({{"db.read.host", "replica"}, {"db.read.port", "x"}}).find("db.read.port"), std::string::npos);
    EXPECT_EQ(Settings::from(*configWith({{"heartbeat.interval_ms", "250"}})).heartbeat.intervalMs, 250);
    EXPECT_NE(usageErrorOf({{"heartbeat.interval_ms", "10"}}).find("heartbeat.interval_ms"), std::string::npos);
}

TEST(Settings, DescribeNeverShowsThePassword) {
    auto s = Settings::from(*configWith({{"db.password", "hunter2"}, {"db.user", "stl"}}));
    EXPECT_EQ(s.db.describe().find("hunter2"), std::string::npos);
    EXPECT_EQ(s.db.describe(), "stl@127.0.0.1:3306/settlement");
}

TEST(Settings, HttpKeysHaveDefaultsAndBounds) {
    auto d = Settings::from(*configWith({}));
    EXPECT_EQ(d.http.listen, "127.0.0.1:8080");
    EXPECT_EQ(d.http.threads, 16);
    EXPECT_EQ(d.http.dbPoolSize, 8);
    EXPECT_EQ(d.http.maxBodyBytes, 8192);
    EXPECT_EQ(d.http.jwtSecret, "");
    auto s = Settings::from(*configWith({{"http.listen", "0.0.0.0:9000"}, {"http.threads", "64"},
                                         {"http.db_pool_size", "4"}, {"http.db_pool_wait_ms", "250"},
                                         {"http.jwt_issuer", "https://id.example"}, {"http.tls_cert", "c.pem"},
                                         {"http.tls_key", "k.pem"}, {"http.read_timeout_sec", "3"}}));
    EXPECT_EQ(s.http.listen, "0.0.0.0:9000");
    EXPECT_EQ(s.http.threads, 64);
    EXPECT_EQ(s.http.dbPoolSize, 4);
    EXPECT_EQ(s.http.dbPoolWaitMs, 250);
    EXPECT_EQ(s.http.jwtIssuer, "https://id.example");
    EXPECT_EQ(s.http.tlsKey, "k.pem");
    EXPECT_EQ(s.http.readTimeoutSec, 3);
    EXPECT_NE(usageErrorOf({{"http.threads", "0"}}).find("http.threads must be a whole number from 1 to 1024"), std::string::npos);
    EXPECT_NE(usageErrorOf({{"http.db_pool_size", "many"}}).find("http.db_pool_size"), std::string::npos);
    EXPECT_NE(usageErrorOf({{"http.tls_cert", "c.pem"}}).find("http.tls_cert and http.tls_key go together"),
              std::string::npos);
}

TEST(Settings, TheJwtSecretComesFromTheEnvironmentVariableOverTheFile) {
    bool listed = false;
    for (const auto& o : settlement::config::kEnvOverrides)
        if (std::string(o.variable) == "SETTLEMENT_JWT_SECRET") listed = std::string(o.key) == "http.jwt_secret";
    EXPECT_TRUE(listed);
}

#include "migrate/AccountGrants.h"

#include <spdlog/spdlog.h>

#include "app/ExitCode.h"
#include "db/DatabaseError.h"
#include "db/SqlScript.h"
#include "migrate/Migrator.h"

namespace settlement::migrate {
namespace {

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

}  // namespace

std::string quoteAccount(db::Connection& db, const std::string& account, const std::string& key) {
    std::size_t at = account.rfind('@');
    std::string user = account.substr(0, at);
    std::string host = at == std::string::npos ? "%" : account.substr(at + 1);
    if (user.empty() || host.empty())
        throw app::UsageError(key + " must be an account name@host, got '" + account + "'");
    return db.quote(user) + "@" + db.quote(host);
}

std::vector<std::string> grantAccounts(db::Connection& db, const std::filesystem::path& sqlDir,
                                       const config::MigrateSettings& accounts) {
    std::vector<std::string> granted;
    const std::pair<const char*, const std::string*> roles[] = {{"batch", &accounts.batchAccount},
                                                                {"reader", &accounts.readerAccount}};
    for (const auto& [role, account] : roles) {
        if (account->empty()) continue;
        std::string quoted = quoteAccount(db, *account, std::string("migrate.") + role + "_account");
        std::filesystem::path file = sqlDir / "grants" / (std::string(role) + ".sql");
        std::string script = replaceAll(readFile(file), "{db}", db::quoteIdentifier(db.settings().name));
        script = replaceAll(script, "{account}", quoted);
        spdlog::info("migrate: granting {} the {} privileges ({})", quoted, role, file.string());
        for (const auto& statement : db::splitStatements(script)) {
            try {
                db.execute(statement);
            } catch (const db::DatabaseError& e) {
                // 1305: a routine the file names is gone (a release removed it). Its grant
                // is moot; the line should go, which the warning says.
                if (e.mysqlCode() != 1305) throw;
                spdlog::warn("migrate: {} names a routine that does not exist; remove the line: {}",
                             file.string(), e.what());
            }
        }
        granted.push_back(std::string(role) + " privileges granted to " + quoted);
    }
    return granted;
}

}  // namespace settlement::migrate

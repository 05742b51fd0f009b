#pragma once
// The grants of the batch and reader accounts (SPEC §11), given by `migrate` as the owner
// after the schema and routines are in place: sql/grants/batch.sql and reader.sql with
// {db} and {account} filled in. Run on every migrate, since re-creating a routine drops
// the EXECUTE grants on it (automatic_sp_privileges); GRANT is idempotent.
#include <filesystem>
#include <string>
#include <vector>

#include "config/Settings.h"
#include "db/Connection.h"

namespace settlement::migrate {

// "name@host" (host defaults to %) as a quoted account: 'name'@'host'. Throws
// app::UsageError naming `key` when it is not one.
std::string quoteAccount(db::Connection& db, const std::string& account, const std::string& key);

// Grants each configured account its role's file; returns one line per account granted.
std::vector<std::string> grantAccounts(db::Connection& db, const std::filesystem::path& sqlDir,
                                       const config::MigrateSettings& accounts);

}  // namespace settlement::migrate

#pragma once
// The one place where reports get their database connection, so that pointing reports at
// a read replica (DESIGN "read from a replica when configured") changes only this file.
#include <memory>

#include "config/Settings.h"
#include "db/Connection.h"

namespace settlement::report {

// A connection for reading reports: today the primary of settings.db, with the session
// set to read-only transactions, so a report can never write.
std::unique_ptr<db::Connection> openReadConnection(const config::Settings& settings);

}  // namespace settlement::report

// settlement migrate: create or upgrade the schema, re-create procedures (idempotent).
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/Command.h"
#include "commands/Commands.h"
#include "db/Connection.h"
#include "migrate/AccountGrants.h"
#include "migrate/Migrator.h"

namespace settlement::commands {

class MigrateCommand : public cli::Command {
public:
    std::string name() const override { return "migrate"; }
    std::string synopsis() const override { return "migrate"; }
    std::string summary() const override {
        return "create or upgrade the schema and re-create procedures (idempotent)";
    }
    bool watchesServer() const override { return true; }
    void defineOptions(Poco::Util::OptionSet&) const override {}

    int run(cli::Context& ctx) override {
        auto db = db::Connection::open(ctx.settings.db);
        migrate::Migrator migrator(*db, ctx.settings.sqlDir);
        auto result = migrator.migrate(ctx.settings);
        std::cout << "migrate: " << result.applied.size() << " migration(s) applied, "
                  << result.alreadyApplied << " already applied, " << result.repeatable
                  << " changed procedure file(s) created on " << ctx.settings.db.describe()
                  << "\n";
        for (const auto& name : result.applied) std::cout << "  applied " << name << "\n";
        for (const auto& line : migrate::grantAccounts(*db, ctx.settings.sqlDir, ctx.settings.migrate))
            std::cout << "  " << line << "\n";
        return 0;
    }
};

std::unique_ptr<cli::Command> makeMigrateCommand() { return std::make_unique<MigrateCommand>(); }

}  // namespace settlement::commands

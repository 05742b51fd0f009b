// settlement load: import catalog and log CSV files (SPEC §2, §4). The work is in load/.
#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "db/Connection.h"
#include "load/LoadKind.h"
#include "load/LoadReport.h"
#include "load/Loader.h"

namespace settlement::commands {

class LoadCommand : public cli::Command {
public:
    std::string name() const override { return "load"; }
    std::string synopsis() const override {
        return "load [--members F] [--videos F] [--ads F] [--video-ads F] [--views F] [--ad-views F]";
    }
    std::string summary() const override {
        return "import catalog and log CSV files; duplicates ignored, bad lines quarantined";
    }
    bool watchesServer() const override { return true; }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        for (const auto& kind : load::allKinds())
            options.addOption(cli::valueOption(kind.option, "FILE",
                                               "CSV file of " + kind.name + ", header: " + kind.header()));
    }

    int run(cli::Context& ctx) override {
        std::vector<load::LoadFile> files;
        for (const auto& kind : load::allKinds()) {
            std::string path = ctx.option(kind.option);
            if (!path.empty()) files.push_back({kind.kind, path});
        }
        if (files.empty())
            throw app::UsageError("load needs at least one of --members, --videos, --ads, --video-ads, --views, --ad-views");
        // LOAD DATA LOCAL INFILE carries an event file's lines to the server (Loader.h).
        auto db = db::Connection::open(ctx.settings.db, 0, true);
        // No gap locks on the stage rows the promote procedures read (DESIGN: READ COMMITTED).
        db->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        load::Loader loader(*db, ctx.settings.retry, ctx.settings.load.maxLineBytes);
        for (const auto& result : loader.finishLeftovers()) std::cout << "finished " << load::formatSummary(result) << "\n";
        for (const auto& result : loader.loadInboxes()) std::cout << load::formatSummary(result) << "\n";
        for (const auto& result : loader.load(files)) std::cout << load::formatSummary(result) << "\n";
        return 0;
    }
};

std::unique_ptr<cli::Command> makeLoadCommand() { return std::make_unique<LoadCommand>(); }

}  // namespace settlement::commands

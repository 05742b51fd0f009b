// settlement token: prints a signed HS256 API token alone on standard output (SPEC §10),
// for an operator handing one out or a test calling the API.
#include <Poco/Util/OptionSet.h>

#include <charconv>
#include <iostream>

#include "app/ExitCode.h"
#include "cli/Command.h"
#include "commands/Commands.h"
#include "http/TokenSigner.h"
#include "util/Duration.h"

namespace settlement::commands {

class TokenCommand : public cli::Command {
public:
    std::string name() const override { return "token"; }
    std::string synopsis() const override {
        return "token --role admin|finance|creator [--creator ID] [--ttl DURATION] [--subject NAME]";
    }
    std::string summary() const override { return "prints a signed API token (HS256, SETTLEMENT_JWT_SECRET)"; }
    void defineOptions(Poco::Util::OptionSet& options) const override {
        options.addOption(cli::valueOption("role", "R", "admin, finance or creator"));
        options.addOption(cli::valueOption("creator", "ID", "the creator's member id (role creator)"));
        options.addOption(cli::valueOption("ttl", "DURATION", "lifetime: 45s, 30m, 1h (default), 7d"));
        options.addOption(cli::valueOption("subject", "NAME", "the token's sub (default: the role, or creator:ID)"));
    }

    int run(cli::Context& ctx) override {
        http::TokenRequest request;
        std::string role = ctx.option("role");
        if (role.empty()) throw app::UsageError("--role is required: admin, finance or creator");
        auto parsed = http::parseRole(role);
        if (!parsed) throw app::UsageError("--role must be admin, finance or creator, got '" + role + "'");
        request.role = *parsed;
        std::string creator = ctx.option("creator");
        if (!creator.empty()) {
            std::uint64_t id = 0;
            auto [end, ec] = std::from_chars(creator.data(), creator.data() + creator.size(), id);
            if (ec != std::errc() || end != creator.data() + creator.size() || id == 0)
                throw app::UsageError("--creator must be a creator's member id (a positive whole number), got '" +
                                      creator + "'");
            request.creatorId = id;
        }
        std::string ttl = ctx.option("ttl");
        if (!ttl.empty()) {
            auto duration = util::parseDuration(ttl);
            if (!duration) throw app::UsageError("--ttl must be a duration like 45s, 30m, 1h or 7d (at most 3650d), got '" + ttl + "'");
            request.ttl = *duration;
        }
        request.subject = ctx.option("subject");
        std::cout << http::signToken(ctx.settings.http, request, std::chrono::system_clock::now()) << "\n";
        return app::kSuccess;
    }
};

std::unique_ptr<cli::Command> makeTokenCommand() { return std::make_unique<TokenCommand>(); }

}  // namespace settlement::commands

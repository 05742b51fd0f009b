// settlement: the thin entry point. Everything else lives in the settlement library.
#include <Poco/Exception.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/ExitCode.h"
#include "app/SettlementApp.h"

int main(int argc, char** argv) {
    using namespace settlement::app;
    SettlementApp app(argc, argv);
    try {
        app.init(argc, argv);
    } catch (const Poco::Exception& e) {
        std::cerr << "settlement: " << e.displayText() << " (see settlement --help)\n";
        return kUsage;
    } catch (const Error& e) {
        std::cerr << "settlement: " << e.what() << "\n";
        return e.code();
    }
    try {
        return app.run();
    } catch (const Error& e) {
        spdlog::error("{}", e.what());
        return e.code();
    } catch (const Poco::Exception& e) {
        spdlog::error("{}", e.displayText());
        return kJobFailed;
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return kJobFailed;
    }
}

#include "db/DatabaseError.h"

namespace settlement::db {

DatabaseError::DatabaseError(int mysqlCode, std::string sqlState, const std::string& message)
    : app::Error(exitCodeFor(mysqlCode), message), mysqlCode_(mysqlCode),
      sqlState_(std::move(sqlState)) {}

bool isLockConflict(int code) { return code == 1213 || code == 1205; }

bool isConnectionLost(int code) { return code == 2006 || code == 2013 || code == 2055; }

bool isReconnectable(int code) { return code == 2002 || code == 2003 || isConnectionLost(code); }

bool isUnreachable(int code) {
    return code == 2002 || code == 2003 || code == 2005 || isConnectionLost(code);
}

app::ExitCode exitCodeFor(int code) {
    if (isUnreachable(code)) return app::kTemporary;
    // 1044/1045 access denied, 1049 unknown database: the configuration is wrong.
    if (code == 1044 || code == 1045 || code == 1049) return app::kUsage;
    return app::kJobFailed;
}

}  // namespace settlement::db

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

bool isMissingPrivilege(int code) {
    // 1044 database, 1142 table, 1143 column, 1370 routine, 1227 a global privilege (SUPER...),
    // 1419 SUPER to create a routine on a binlogged server, 1410 GRANT without GRANT OPTION.
    return code == 1044 || code == 1142 || code == 1143 || code == 1370 || code == 1227 || code == 1419 ||
           code == 1410;
}

app::ExitCode exitCodeFor(int code) {
    if (isUnreachable(code) || code == kBusyErrno) return app::kTemporary;
    if (code == kRefusedErrno) return app::kUsage;
    // The account lacks a privilege (SPEC §9), 1045 access denied, 1049 unknown database:
    // the configuration is wrong.
    if (isMissingPrivilege(code) || code == 1045 || code == 1049) return app::kUsage;
    return app::kJobFailed;
}

}  // namespace settlement::db

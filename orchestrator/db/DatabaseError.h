#pragma once
// A database error with its MySQL error number and where it happened. The number decides
// what happens next (DESIGN "Retries by error code"), so it is never lost in a message.
#include <string>

#include "app/ExitCode.h"

namespace settlement::db {

class DatabaseError : public app::Error {
public:
    DatabaseError(int mysqlCode, std::string sqlState, const std::string& message);
    int mysqlCode() const { return mysqlCode_; }
    const std::string& sqlState() const { return sqlState_; }

private:
    int mysqlCode_;
    std::string sqlState_;
};

// Errors the product's procedures raise (SIGNAL ... MYSQL_ERRNO): a request no run may
// carry out, e.g. a date outside the accepted window or closed by retention (exit 2), and
// a date or job that another live run holds (exit 75: try again later).
inline constexpr int kRefusedErrno = 30001;
inline constexpr int kBusyErrno = 30002;

// 1213 deadlock, 1205 lock wait timeout: the transaction was rolled back; try again.
bool isLockConflict(int mysqlCode);
// 2006 server gone away, 2013 lost connection: reconnect, then try again.
bool isConnectionLost(int mysqlCode);
// Worth a new connection and another try within the retry cap: the connection was lost,
// or a new one was refused or timed out (2002 socket, 2003 TCP: a restarting server).
bool isReconnectable(int mysqlCode);
// The server cannot be reached at all (refused, unknown host, timeout, lost while connecting).
bool isUnreachable(int mysqlCode);
// The account lacks a privilege for the statement (the server's message names it and the
// object): a configuration error, exit 2.
bool isMissingPrivilege(int mysqlCode);
// The exit code a database error leads to when nothing retries it.
app::ExitCode exitCodeFor(int mysqlCode);

}  // namespace settlement::db

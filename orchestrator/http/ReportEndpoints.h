#pragma once
// GET /v1/stats, /v1/top, /v1/settlement, /v1/daily (SPEC §10): parameters checked, the
// creator's scope applied, then the same procedures as `settlement report` (through
// report::runReport), read in one consistent snapshot so `complete` and the rows agree.
//
// Scope: admin and finance see everything. A creator sees their own videos only: their
// creator id is put into every stats, settlement and daily request; asking for another
// creator, or for a video that is not theirs, is 403. Rankings are the same for everyone.
#include "http/ReadPool.h"
#include "http/Router.h"
#include "report/Reports.h"

namespace settlement::http {

class ReportEndpoints {
public:
    explicit ReportEndpoints(ReadPool& pool) : pool_(pool) {}

    Response stats(const Call& call) const;
    Response top(const Call& call) const;
    Response settlement(const Call& call) const;
    Response daily(const Call& call) const;

private:
    // Runs the report for `principal`: scope checks, then report_span and the report, in
    // one read-only snapshot transaction.
    Response answer(const Principal& principal, report::Request request) const;

    ReadPool& pool_;
};

}  // namespace settlement::http

#pragma once
// The data the HTTP API tests read: the hand-computed statistics fixture
// (tests/fixtures/stats, README there) loaded and run for the week 2026-03-09 .. 2026-03-15,
// priced with a rate version that makes revenue fractional (VIEW 0.55 a view from
// 2026-03-01, AD 10.00), so that a span's payable (floor of its sum) differs from the sum
// of its days' payables.
//
// Hand-computed figures (creator 1 owns videos 100 and 101, creator 2 owns 200):
//   2026-03-09  video 100:  1 view (ordinal 1)                 0.55         creator 1 pays 0
//   2026-03-10  video 100: 10 views (2..11), 4 ad views        5.50 + 40.00 creator 1 pays 45
//               video 200:  2 views, 2 ad views                1.10 + 20.00 creator 2 pays 21
//   2026-03-11  video 100:  1 view (ordinal 12)                0.55         creator 1 pays 0
//   from 2026-03-10 to 2026-03-11: creator 1 6.05 + 40.00 -> payable 46 (not 45 + 0)
//   week 2026-03-09: creator 1 6.60 + 40.00 -> 46; creator 2 1.10 + 20.00 -> 21
#include "support/TestDatabase.h"

namespace settlement::test {

void seedApiFixture(TestDatabase& db);

// SETTLEMENT_JWT_SECRET for serve and token.
std::map<std::string, std::string> jwtEnv();

// A token from the real `settlement token --role ROLE [--creator ID]`.
std::string issueToken(const TestDatabase& db, const std::string& role, const std::string& creator = "");

}  // namespace settlement::test

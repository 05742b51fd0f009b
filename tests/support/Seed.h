#pragma once
// Synthetic data written straight into a test database with set-based SQL, for engine
// tests that need volume (hundreds of thousands of events) but no particular values.
// Deterministic: RAND(n) with a per-row seed. Business time zone +09:00.
#include <memory>
#include <string>

#include "support/TestDatabase.h"

namespace settlement::test {

struct SeedShape {
    int members = 5000;   // ids 1..members; 1..creators are CREATORs
    int creators = 50;
    int videos = 500;     // video v belongs to creator 1 + v % creators; ad 1 + v % 20 is placed on it
    int viewEvents = 200000;
    int adEvents = 40000;
};

void seedCatalog(TestDatabase& db, const SeedShape& shape);
// Events of business date `date` (YYYY-MM-DD): skewed video popularity, random viewers
// (some are creators, so some views are self views) and a share of repeats 0..59 s later.
void seedDay(TestDatabase& db, const std::string& date, const SeedShape& shape, int salt = 0);

// A migrated database `name` with seedCatalog and seedDay(date) of the default shape.
std::unique_ptr<TestDatabase> seededDatabase(const std::string& name, const std::string& date);

// Loads the hand-computed CSV fixture tests/fixtures/stats (business date 2026-03-10)
// with `settlement load`, then runs that date unless `run` is false; throws on failure.
void loadStatsFixture(TestDatabase& db, bool run = true);
// A migrated database `name` with the stats fixture loaded and 2026-03-10 run.
std::unique_ptr<TestDatabase> statsFixtureDatabase(const std::string& name);

// A fingerprint of every statistics table, to compare two runs' outputs exactly.
std::string statsFingerprint(TestDatabase& db);
// The same for the settlement tables (daily and period settlement, creator statements).
std::string settlementFingerprint(TestDatabase& db);

}  // namespace settlement::test

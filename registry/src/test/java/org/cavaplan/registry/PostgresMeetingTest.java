package org.cavaplan.registry;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Meetings and decisions on PostgreSQL: a new database per test, beside the one named by
 * {@code CAVAPLAN_TEST_POSTGRES_URL}. Without that variable every test here is reported as skipped.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_ENV, matches = ".+",
        disabledReason = "CAVAPLAN_TEST_POSTGRES_URL is not set: no PostgreSQL to test against")
class PostgresMeetingTest extends MeetingContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}

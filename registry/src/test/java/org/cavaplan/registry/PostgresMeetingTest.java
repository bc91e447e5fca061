package org.cavaplan.registry;

/**
 * Meetings and decisions on PostgreSQL: a new database per test, beside the one named by
 * {@code CAVAPLAN_TEST_POSTGRES_URL}. Without that variable every test here is reported as skipped.
 */
@OnPostgres
class PostgresMeetingTest extends MeetingContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}

package org.cavaplan.registry;

/**
 * The registry's analysis rows on PostgreSQL: a new database per test, beside the one named by
 * {@code CAVAPLAN_TEST_POSTGRES_URL}. Without that variable every test here is reported as skipped.
 */
@OnPostgres
class PostgresAnalysisRowsTest extends AnalysisRowsContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}

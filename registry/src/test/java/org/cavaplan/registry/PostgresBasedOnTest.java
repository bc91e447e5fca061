package org.cavaplan.registry;

/**
 * Optimistic concurrency on PostgreSQL: a new database per test, beside the one named by
 * {@code CAVAPLAN_TEST_POSTGRES_URL}. Without that variable every test here is reported as skipped.
 */
@OnPostgres
class PostgresBasedOnTest extends BasedOnContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}

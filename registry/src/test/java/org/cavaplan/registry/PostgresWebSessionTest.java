package org.cavaplan.registry;

/** Web sessions and the login lockout on PostgreSQL; skipped without {@code CAVAPLAN_TEST_POSTGRES_URL}. */
@OnPostgres
class PostgresWebSessionTest extends WebSessionContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}

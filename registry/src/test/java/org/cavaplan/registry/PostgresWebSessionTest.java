package org.cavaplan.registry;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Web sessions and the login lockout on PostgreSQL; skipped without {@code CAVAPLAN_TEST_POSTGRES_URL}. */
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_ENV, matches = ".+",
        disabledReason = "CAVAPLAN_TEST_POSTGRES_URL is not set: no PostgreSQL to test against")
class PostgresWebSessionTest extends WebSessionContract {

    @Override
    TestDatabase newDatabase() {
        return TestDatabase.postgres();
    }
}

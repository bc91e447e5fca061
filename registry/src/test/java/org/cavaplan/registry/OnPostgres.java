package org.cavaplan.registry;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A test class that runs against PostgreSQL: it creates its databases beside the one named by
 * {@code CAVAPLAN_TEST_POSTGRES_URL} and, without that variable, every test in it is reported as
 * skipped with the reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_ENV, matches = ".+",
        disabledReason = "CAVAPLAN_TEST_POSTGRES_URL is not set: no PostgreSQL to test against")
@interface OnPostgres {}

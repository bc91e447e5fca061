package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency: a write that names the version it was based on ({@link BasedOn}) is stored
 * only while that version is the latest, on whichever database a subclass gives the registry.
 */
abstract class BasedOnContract {

    static final String ID = "seed-case-report";
    static final Instant START = RegistryContract.START;

    final TestClock clock = new TestClock(START);
    final Actor operator = Actor.localOperator("tester", "cli");
    TestDatabase database;
    Registry registry;

    /** A fresh database for one test. */
    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        database = newDatabase();
        registry = Registry.open(database.url(), clock);
    }

    @AfterEach
    void close() {
        if (registry != null) {
            registry.close();
        }
        database.close();
    }

    static String seedCase() throws IOException {
        return RegistryContract.seedCase();
    }

    static ObjectNode seedTree() throws IOException {
        return RegistryContract.seedTree();
    }

    Actor userActor(String name, Role role) {
        NewUser user = registry.addUser(operator, name, role);
        return ((Authentication.Authenticated) registry.authenticate(user.token(), "10.0.0.7")).actor();
    }

    static String withAge(int age) throws IOException {
        ObjectNode tree = seedTree();
        ((ObjectNode) tree.get("patient")).put("ageYears", age);
        return tree.toString();
    }

    static String withEcog(int ecog) throws IOException {
        ObjectNode tree = seedTree();
        ((ObjectNode) tree.get("patient")).put("ecog", ecog);
        return tree.toString();
    }

    @Test
    void a_new_case_based_on_no_version_is_created_once_and_then_refused_naming_the_existing_version() throws IOException {
        SaveResult created = registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");
        assertThat(created).isInstanceOf(SaveResult.Created.class);

        RegistryException.Conflict conflict = catchThrowableOfType(RegistryException.Conflict.class,
                () -> registry.save(operator, withAge(63), BasedOn.NEW_CASE, "entered twice"));

        assertThat(conflict.current().version()).isEqualTo(1);
        assertThat(conflict.current().author()).isEqualTo("tester");
        assertThat(conflict.basedOn()).isEqualTo(BasedOn.NEW_CASE);
        assertThat(registry.history(operator, ID)).hasSize(1);
    }

    @Test
    void a_write_based_on_the_latest_version_becomes_the_next_version() throws IOException {
        registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");

        SaveResult result = registry.save(operator, withEcog(1), BasedOn.version(1), "ECOG recorded");

        assertThat(result).isInstanceOf(SaveResult.Updated.class);
        assertThat(((SaveResult.Updated) result).version().version()).isEqualTo(2);
        assertThat(registry.save(operator, withEcog(1), BasedOn.version(2), "saved again")).isInstanceOf(SaveResult.Unchanged.class);
    }

    @Test
    void the_second_of_two_editors_of_one_version_is_refused_and_does_not_undo_the_first() throws IOException {
        registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");
        Actor first = userActor("dr.first", Role.CLINICIAN);
        Actor second = userActor("dr.second", Role.CLINICIAN);
        clock.advance(Duration.ofMinutes(5));
        registry.save(first, withEcog(2), BasedOn.version(1), "ECOG from the clinic letter");
        clock.advance(Duration.ofMinutes(1));

        RegistryException.Conflict conflict = catchThrowableOfType(RegistryException.Conflict.class,
                () -> registry.save(second, withAge(63), BasedOn.version(1), "age corrected"));

        assertThat(conflict.basedOn()).isEqualTo(BasedOn.version(1));
        assertThat(conflict.current().version()).isEqualTo(2);
        assertThat(conflict.current().author()).isEqualTo("dr.first");
        assertThat(conflict.current().recordedAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(conflict.getMessage()).contains("based on version 1").contains("latest is version 2");
        assertThat(registry.history(operator, ID)).hasSize(2);
        assertThat(registry.read(operator, ID).orElseThrow().json()).contains("\"ecog\":2").contains("\"ageYears\":62");
        assertThat(registry.audit(operator, AuditQuery.latest(50).about(ID)))
                .anySatisfy(e -> {
                    assertThat(e.actor()).isEqualTo("dr.second");
                    assertThat(e.action()).isEqualTo(AuditEntry.Action.UPDATE);
                    assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
                    assertThat(e.detail()).contains("based on version 1").contains("latest is version 2 by dr.first");
                });
    }

    @Test
    void a_write_based_on_a_version_of_a_case_that_does_not_exist_is_refused_as_unknown() throws IOException {
        String kase = seedCase();
        assertThatThrownBy(() -> registry.save(operator, kase, BasedOn.version(1), "edited"))
                .isInstanceOf(RegistryException.UnknownCase.class);
        assertThat(registry.history(operator, ID)).isEmpty();
    }

    @Test
    void a_retired_case_stays_refused_as_retired_whatever_version_a_write_names() throws IOException {
        registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");
        registry.retire(operator, ID, BasedOn.version(1), "entered twice");

        SaveResult result = registry.save(operator, withAge(70), BasedOn.version(1), "late edit");

        assertThat(result).isInstanceOf(SaveResult.Rejected.class);
        assertThat(registry.history(operator, ID)).hasSize(2);
    }

    @Test
    void a_retirement_based_on_an_older_version_is_refused() throws IOException {
        registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");
        registry.save(operator, withEcog(1), BasedOn.version(1), "ECOG recorded");

        RegistryException.Conflict conflict = catchThrowableOfType(RegistryException.Conflict.class,
                () -> registry.retire(operator, ID, BasedOn.version(1), "duplicate"));

        assertThat(conflict.current().version()).isEqualTo(2);
        assertThat(registry.history(operator, ID)).extracting(CaseVersion::retired).containsExactly(false, false);
        assertThat(registry.retire(operator, ID, BasedOn.version(2), "duplicate").version()).isEqualTo(3);
    }

    @Test
    void an_import_still_writes_by_content_without_naming_a_version() throws IOException {
        registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");
        registry.save(operator, withEcog(1), BasedOn.version(1), "ECOG recorded");

        ImportSummary summary = registry.importCases(operator, new BufferedReader(new StringReader(withAge(64) + "\n")),
                ImportOptions.because("nightly import"), ImportListener.none());

        assertThat(summary.updated()).isEqualTo(1);
        assertThat(registry.history(operator, ID)).hasSize(3);
    }

    @Test
    void of_many_writers_based_on_one_version_at_once_exactly_one_is_stored_and_the_others_are_refused() throws Exception {
        registry.save(operator, seedCase(), BasedOn.NEW_CASE, "first entry");
        int writers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SaveResult>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String kase = withAge(20 + i);
            results.add(pool.submit((Callable<SaveResult>) () -> {
                start.await();
                return registry.save(operator, kase, BasedOn.version(1), "concurrent edit");
            }));
        }
        start.countDown();
        int stored = 0;
        int refused = 0;
        for (Future<SaveResult> f : results) {
            try {
                SaveResult r = f.get(60, TimeUnit.SECONDS);
                assertThat(r).isInstanceOf(SaveResult.Updated.class);
                assertThat(((SaveResult.Updated) r).version().version()).isEqualTo(2);
                stored++;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(RegistryException.Conflict.class);
                assertThat(((RegistryException.Conflict) e.getCause()).current().version()).isEqualTo(2);
                refused++;
            }
        }
        pool.shutdown();

        assertThat(stored).isEqualTo(1);
        assertThat(refused).isEqualTo(writers - 1);
        assertThat(registry.history(operator, ID)).extracting(CaseVersion::version).containsExactly(1, 2);
    }
}

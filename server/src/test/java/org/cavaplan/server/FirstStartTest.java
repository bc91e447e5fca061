package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.CaseQuery;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {

    @TempDir
    Path dir;

    @Test
    void theFirstStartSeedsTheCohortAndMakesAnAdminOnceOnly() {
        try (Registry registry = Registry.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath(), Clock.systemUTC())) {
            Optional<FirstStart.Admin> admin = FirstStart.prepare(registry, 12, 3L);
            assertThat(admin).isPresent();
            assertThat(admin.get().password()).hasSizeGreaterThanOrEqualTo(12);
            Authentication byToken = registry.authenticate(admin.get().token(), "test");
            assertThat(byToken).isInstanceOfSatisfying(Authentication.Authenticated.class,
                    a -> assertThat(a.actor().role()).isEqualTo(Role.ADMIN));
            Authentication byPassword = registry.login(FirstStart.ADMIN, admin.get().password().toCharArray(), "test");
            assertThat(byPassword).isInstanceOf(Authentication.Authenticated.class);
            assertThat(registry.openSession(((Authentication.Authenticated) byPassword).actor(), Duration.ofMinutes(5),
                    Duration.ofHours(1)).passwordChangeRequired()).as("the one-time password must be changed first").isTrue();
            assertThat(registry.search(Actor.localOperator("test", "test"), CaseQuery.all().withLimit(100)).cases())
                    .hasSize(12);

            assertThat(FirstStart.prepare(registry, 12, 3L)).isEmpty();
        }
    }
}

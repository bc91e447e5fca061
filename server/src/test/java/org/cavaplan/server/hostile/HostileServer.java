package org.cavaplan.server.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.CaseQuery;
import org.cavaplan.registry.CaseSummary;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.Page;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.WebSession;
import org.cavaplan.server.CavaPlanServer;
import org.cavaplan.server.FirstStart;
import org.cavaplan.server.web.WebPages;

/**
 * One real server on a free port over a real H2 registry in {@code dir}, demo mode for CDS Hooks,
 * with an API token and a web session (cookie and anti-forgery token) for each role.
 */
final class HostileServer implements AutoCloseable {

    /** The largest body the server under attack accepts: small, so that bodies over it are cheap to send. */
    static final long MAX_BODY = 64 * 1024;
    static final String SEED_CASE_ID = "seed-case-report";
    static final int DEMO_CASES = 6;

    /** One user's credentials: an API token and a live web session. */
    record User(Role role, String token, String cookie, String csrf) {}

    final Registry registry;
    final CavaPlanServer.Running running;
    final Map<Role, User> users;
    final List<String> demoIds;
    private final Actor operator = Actor.localOperator("hostile-test", "test");

    HostileServer(Path dir) {
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("cavaplan").toAbsolutePath(), clock);
        FirstStart.Admin admin = FirstStart.prepare(registry, DEMO_CASES, 7L).orElseThrow();
        // the administrator has replaced the one-time password, so that every page answers rather than redirecting
        Actor self = ((Authentication.Authenticated) registry.authenticate(admin.token(), "hostile-test")).actor();
        registry.setPassword(self, FirstStart.ADMIN, "the administrator's own passphrase".toCharArray());
        String clinician = registry.addUser(operator, "hostile.clinician", Role.CLINICIAN).token();
        String researcher = registry.addUser(operator, "hostile.researcher", Role.RESEARCHER).token();
        registry.save(operator, seedCase(), "the article's patient");
        users = Map.of(Role.ADMIN, user(Role.ADMIN, admin.token()), Role.CLINICIAN, user(Role.CLINICIAN, clinician),
                Role.RESEARCHER, user(Role.RESEARCHER, researcher));
        demoIds = versions().keySet().stream().filter(id -> !id.equals(SEED_CASE_ID)).toList();
        running = CavaPlanServer.create(registry, clock, new CavaPlanServer.Options(MAX_BODY, line -> { }))
                .start(0);
    }

    private User user(Role role, String token) {
        Authentication auth = registry.authenticate(token, "hostile-test");
        WebSession session = registry.openSession(((Authentication.Authenticated) auth).actor(),
                WebPages.SESSION_IDLE, WebPages.SESSION_ABSOLUTE);
        return new User(role, token, session.token(), session.csrfToken());
    }

    static String seedCase() {
        try {
            return Files.readString(Path.of("..", "examples", "seed-case.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return running.port();
    }

    /** Every case in the registry, retired ones too, with its versions' content hashes in order. */
    Map<String, List<String>> versions() {
        Map<String, List<String>> out = new TreeMap<>();
        CaseQuery query = CaseQuery.all().withRetired().withLimit(CaseQuery.MAX_LIMIT);
        while (true) {
            Page page = registry.search(operator, query);
            for (CaseSummary c : page.cases()) {
                out.put(c.caseId(), registry.history(operator, c.caseId()).stream()
                        .map(v -> v.version() + ":" + v.change() + ":" + v.contentSha256()).toList());
            }
            Optional<String> next = page.nextAfter();
            if (next.isEmpty()) {
                return out;
            }
            query = query.withAfter(next.get());
        }
    }

    /** The versions of one case, as {@link #versions()} lists them. */
    List<CaseVersion> history(String caseId) {
        return registry.history(operator, caseId);
    }

    @Override
    public void close() {
        running.stop();
        registry.close();
    }
}

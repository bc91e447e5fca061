package org.cavaplan.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cavaplan.io.Json;
import org.cavaplan.server.hostile.Probe.Family;
import org.cavaplan.server.hostile.Targets.Target;
import org.cavaplan.server.web.CaseForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten thousand hostile requests, from one seed, against one real server over a real H2 registry:
 * every route (API, pages, CDS Hooks, static files), with and without credentials. No answer may be a
 * server error or show the server's insides; the body limits hold; a refused request leaves nothing
 * in the registry; and the server still answers afterwards.
 */
class HostileHttpTest {

    static final long SEED = 20_261_127L;
    static final int TOTAL = 10_000;
    static final int THREADS = 4;
    /** What only a stack trace or a framework's own error page would show. */
    static final List<String> INTERNALS = List.of("Exception", "\tat ", "java.", "org.eclipse.jetty", "io.javalin",
            "javalin", "jakarta.", "Caused by");

    /** The families whose 400 answers are about a field of the body or a query parameter. */
    static final Set<Family> FIELD_FAMILIES = Set.of(Family.BROKEN_JSON, Family.DEEP_NESTING, Family.SQL_IN_FILTERS,
            Family.INVALID_PAGING);

    @TempDir
    static Path dir;

    static HostileServer server;
    static Map<String, List<String>> before;
    static Map<String, List<String>> after;
    static List<Answer> answers;
    static long elapsedMillis;
    static int staleRetries;

    @BeforeAll
    static void attack() {
        server = new HostileServer(dir);
        before = server.versions();
        List<String> ids = new ArrayList<>(server.demoIds);
        ids.add(HostileServer.SEED_CASE_ID);
        List<Probe> probes = new ProbeGenerator(SEED, server.users, ids, HostileServer.seedCase(),
                CaseForm.values(HostileServer.seedCase())).all();
        long start = System.nanoTime();
        Sender sender = new Sender(server.port());
        answers = sender.sendAll(probes, THREADS);
        staleRetries = sender.staleRetries.get();
        elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        after = server.versions();
        System.out.println(summary());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_run_sends_ten_thousand_requests_and_reaches_every_route_of_the_server() {
        assertThat(answers).hasSize(TOTAL);
        Set<String> reached = answers.stream().map(a -> a.probe().route()).collect(Collectors.toSet());
        assertThat(reached).containsAll(Targets.ALL.stream().map(Target::name).toList());
        assertThat(answers.stream().map(a -> a.probe().family()).collect(Collectors.toSet())).containsAll(
                List.of(Family.values()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Family.class)
    void no_answer_of_a_family_is_a_server_error_or_shows_the_server_insides_or_differs_from_what_it_expects(
            Family family) {
        List<String> wrong = new ArrayList<>();
        for (Answer a : answers) {
            if (a.probe().family() == family) {
                String why = fault(a);
                if (why != null) {
                    wrong.add(why + " <- " + describe(a));
                }
            }
        }
        assertThat(wrong).as("answers of " + family).isEmpty();
    }

    @Test
    void a_body_nested_deeper_than_the_limit_is_refused_on_every_route_that_reads_json_naming_the_limit() {
        List<Target> jsonRoutes = Targets.where(Target::readsJson);
        for (Target t : jsonRoutes) {
            List<Answer> deep = of(Family.DEEP_NESTING).stream().filter(a -> a.probe().route().equals(t.name())).toList();
            assertThat(deep).as(t.name()).isNotEmpty().allSatisfy(a -> {
                assertThat(a.status()).as(describe(a)).isEqualTo(400);
                assertThat(a.text()).contains("nests deeper than " + Json.MAX_NESTING);
            });
        }
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_on_every_route_that_reads_one() {
        for (Target t : Targets.where(Target::readsBody)) {
            List<Answer> huge = of(Family.HUGE_BODIES).stream().filter(a -> a.probe().route().equals(t.name())).toList();
            assertThat(huge).as(t.name()).isNotEmpty();
            assertThat(huge.stream().filter(a -> a.status() == 413)).as(t.name()).isNotEmpty();
        }
    }

    @Test
    void every_problem_names_the_fields_at_fault_by_json_pointer() {
        ObjectMapper mapper = new ObjectMapper();
        List<String> wrong = new ArrayList<>();
        for (Answer a : answers) {
            if (!a.isProblem() || a.probe() instanceof Probe.Http h && h.method().equals("HEAD")) {
                continue;
            }
            JsonNode problem;
            try {
                problem = mapper.readTree(a.body());
            } catch (IOException e) {
                wrong.add("not JSON <- " + describe(a));
                continue;
            }
            if (problem.path("status").asInt() != a.status() || !problem.path("errors").isArray()) {
                wrong.add("not a problem with errors <- " + describe(a));
                continue;
            }
            for (JsonNode e : problem.path("errors")) {
                String pointer = e.path("pointer").asText("?");
                if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                    wrong.add("pointer " + pointer + " <- " + describe(a));
                }
            }
            boolean fieldAtFault = a.status() == 400 && FIELD_FAMILIES.contains(a.probe().family())
                    && a.probe().route().contains("/api/v1/") && !a.text().contains("refused before it reached");
            if (fieldAtFault && problem.path("errors").isEmpty()) {
                wrong.add("a 400 without a pointer <- " + describe(a));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void the_registry_holds_nothing_from_refused_requests_and_the_server_still_answers() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        for (Answer a : answers) {
            acknowledged.addAll(acknowledgedWrites(a));
        }
        Map<String, List<String>> changed = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed.put(e.getKey(), e.getValue());
            }
        }
        assertThat(before.keySet()).isSubsetOf(after.keySet());
        assertThat(changed.keySet()).as("cases changed by the run").isSubsetOf(acknowledged);
        for (Map.Entry<String, List<String>> e : before.entrySet()) {
            assertThat(after.get(e.getKey()).subList(0, e.getValue().size())).as(e.getKey()).isEqualTo(e.getValue());
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void the_run_takes_less_than_a_minute() {
        assertThat(elapsedMillis).isLessThan(60_000);
    }

    // ---- the rules ----------------------------------------------------------------------------

    /** Why the answer breaks a rule, or null when it keeps them all. */
    static String fault(Answer a) {
        Probe.Expect expect = a.probe().expect();
        if (a.status() == -1) {
            return "not an HTTP answer";
        }
        if (a.closed()) {
            return expect.closeAllowed() ? null : "no answer: " + a.failure();
        }
        if (a.status() >= 500) {
            return "server error " + a.status();
        }
        String text = a.text();
        if (!"application/pdf".equals(a.contentType())) {
            for (String internal : INTERNALS) {
                if (text.contains(internal)) {
                    return "shows \"" + internal.strip() + "\"";
                }
            }
        }
        if (!expect.statuses().isEmpty() && !expect.statuses().contains(a.status())) {
            return "status " + a.status() + ", expected one of " + expect.statuses();
        }
        if (expect.mustContain().isPresent() && !text.contains(expect.mustContain().get())) {
            return "does not say \"" + expect.mustContain().get() + "\"";
        }
        if (expect.pointer().isPresent() && a.status() == 400 && a.isProblem()
                && !text.contains("\"pointer\":\"" + expect.pointer().get() + "\"")) {
            return "does not point at " + expect.pointer().get();
        }
        return null;
    }

    /** The case ids a successful write answer vouches for. */
    static Set<String> acknowledgedWrites(Answer a) {
        Set<String> ids = new HashSet<>();
        if (!(a.probe() instanceof Probe.Http h) || h.method().equals("GET")) {
            return ids;
        }
        if (a.status() / 100 == 2 && a.contentType() != null && a.contentType().startsWith("application/json")) {
            try {
                JsonNode node = new ObjectMapper().readTree(a.body());
                if (node.path("caseId").isTextual()) {
                    ids.add(node.path("caseId").asText());
                }
            } catch (IOException e) {
                // not a write answer
            }
        }
        if (a.status() == 303 && a.location() != null && a.location().startsWith("/cases/")) {
            ids.add(java.net.URLDecoder.decode(a.location().substring(7), java.nio.charset.StandardCharsets.UTF_8));
        }
        return ids;
    }

    static List<Answer> of(Family family) {
        return answers.stream().filter(a -> a.probe().family() == family).toList();
    }

    static String describe(Answer a) {
        String request = a.probe() instanceof Probe.Http h ? h.method() + " " + cut(h.pathAndQuery(), 160)
                + " " + cut(String.join(",", h.headers()), 200)
                + (h.body() == null ? "" : " body " + cut(new String(h.body(), java.nio.charset.StandardCharsets.UTF_8), 160))
                : "raw " + cut(new String(((Probe.Raw) a.probe()).bytes(), java.nio.charset.StandardCharsets.ISO_8859_1), 200);
        return a.probe().family() + " " + a.probe().route() + " | " + request + " | " + a.status() + " "
                + a.contentType() + " " + cut(a.text(), 300) + (a.failure() == null ? "" : " | " + a.failure());
    }

    private static String cut(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + ")";
    }

    static String summary() {
        StringBuilder b = new StringBuilder("hostile HTTP: " + answers.size() + " requests in " + elapsedMillis + " ms ("
                + staleRetries + " sent again after the server had closed a kept-alive connection)\n");
        for (Family f : Family.values()) {
            Map<Integer, Long> statuses = new TreeMap<>(of(f).stream().collect(Collectors.groupingBy(Answer::status,
                    Collectors.counting())));
            b.append(String.format("  %-20s %5d  %s%n", f, of(f).size(), statuses));
        }
        Map<Integer, Long> all = new TreeMap<>(answers.stream().collect(Collectors.groupingBy(Answer::status,
                Collectors.counting())));
        b.append("  all statuses: ").append(all).append('\n');
        long changed = after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
        b.append("  registry: ").append(before.size()).append(" cases before, ").append(after.size())
                .append(" after, ").append(changed).append(" changed by acknowledged writes\n");
        Map<String, Long> slowest = new TreeMap<>(answers.stream().collect(Collectors.groupingBy(
                a -> a.probe().route(), Collectors.summingLong(Answer::millis))));
        slowest.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> b.append("  ms on ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        return b.toString();
    }
}

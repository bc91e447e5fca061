package org.cavaplan.server.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.cavaplan.core.model.Case;
import org.cavaplan.fhir.CaseBundle;
import org.cavaplan.fhir.CdsHooks;
import org.cavaplan.fhir.Fhir;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.StoredCase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, soak and privacy: a real server in its own JVM (see {@link SoakServer}) on H2 with the
 * demo cohort takes a mixed open-model load ({@link SoakMix}) at {@code RATE} (200) requests/s, or at
 * the lower rate a slower machine can carry (see {@link #MAX_SERVER_SHARE}); then
 * every request got its expected status, the server's heap after a full collection stayed flat,
 * latency stayed stable, every acknowledged write is in the registry, and no line the server
 * wrote holds case content ({@link CaseContentScan}).
 *
 * <p>Duration: system property {@code cavaplan.soak.seconds}, else the environment variable
 * {@code CAVAPLAN_SOAK_SECONDS}, else 300 s when {@code CI=true} and 20 s otherwise. It follows
 * {@value #WARM_UP_S} s of warm-up at the same rate (a cold JVM needs that long to compile the hot
 * paths): its errors count, its latencies are not judged. The measured time is cut into
 * {@value #SEGMENTS} segments. The 30-minute run on demand:
 * <pre>
 * CAVAPLAN_SOAK_SECONDS=1800 mvn -o -q -B -pl server verify -Dtest='org/cavaplan/server/soak/*' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (Surefire 3.5 selects nothing with {@code -Dtest='org.cavaplan.server.soak.*'}: name the package as a path.)
 * The summary line goes to stdout and to {@code server/target/soak-summary.txt}; the server's output
 * (slf4j log with the request log, stdout, stderr) is kept in {@code server/target/soak-logs/}.
 */
class SoakTest {

    /** The offered load, requests per second (issue 8); {@code cavaplan.soak.rate} sets it, calibration skipped. */
    static final int RATE = Integer.getInteger("cavaplan.soak.rate", 200);

    /**
     * The share of the machine's processors the server may need at the soak's rate. The soak judges
     * stability (errors, memory, latency over time), not capacity: on a machine too slow to carry
     * {@link #RATE} beside the load generator, an overloaded server only measures the machine. The
     * rate is therefore lowered to what keeps the server's CPU within this share, as measured at
     * {@link #CALIBRATION_RATE} before the warm-up, and the summary says so.
     */
    static final double MAX_SERVER_SHARE = 0.6;

    /**
     * The calibration's rate, requests/s, measured for {@link #CALIBRATION_S} s after
     * {@link #CALIBRATION_WARM_UP_S} s unmeasured. The server's JIT is still warming then, so the CPU
     * per request it finds is on the high side (13.5 ms against 8.5 ms during the soak itself on this
     * session's machine), and the rate on the low side.
     */
    static final int CALIBRATION_RATE = 50;
    static final int CALIBRATION_WARM_UP_S = 30;
    static final int CALIBRATION_S = 20;

    /** The lowest rate the soak runs at, whatever the calibration says. */
    static final int MIN_RATE = 50;

    /** The measured time is cut into this many segments; "first" and "last" are the first and last of them. */
    static final int SEGMENTS = 5;

    /** Warm-up before the measured time, seconds: JIT compilation, H2's caches and the connection pool settle within it. */
    static final int WARM_UP_S = 30;

    /** The p90 of the last segment may be at most this multiple of the first segment's… */
    static final double GROWTH_FACTOR = 2.0;

    /**
     * …unless it is at most this much above it, ms: below this a doubling is scheduling noise of a
     * shared 2-core machine (a 6 ms p90 becoming 13 ms says nothing about the server).
     */
    static final double GROWTH_NOISE_MS = 25.0;

    /** The p99 of every measured segment, ms: a clinician waiting on a plan or a card notices more than this. */
    static final double P99_BOUND_MS = 1_000.0;

    /**
     * Heap flatness: the used heap after a full collection at the end of the run may exceed the one at
     * the end of the first segment by at most this many bytes plus {@link #HEAP_GROWTH_FRACTION} of it.
     * The allowance covers what legitimately grows with the soak's writes (about 30 versions/s:
     * H2's page cache, bounded at 64 MB by default, fills with the larger database) and nothing that
     * grows per request: a leak of even 1 kB per request is 12 MB a minute.
     */
    static final long HEAP_GROWTH_BYTES = 48L << 20;

    /** See {@link #HEAP_GROWTH_BYTES}. */
    static final double HEAP_GROWTH_FRACTION = 0.25;

    /** The seed of the synthetic cases the writes are made from (not the demo cohort's). */
    static final long WRITE_SEED = 8_080_808L;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern REQUEST_LINE = Pattern.compile(".*\\b(GET|POST|PUT) /\\S* \\d{3} \\d+ ms \\S+$");

    @TempDir
    static Path dir;

    static SoakServer server;
    static SoakMix mix;
    static OpenLoad.Result result;
    static long[] heap = new long[SEGMENTS + 1];
    static long[] cpu = new long[SEGMENTS + 1];
    static final List<String> heapFailures = new ArrayList<>();
    static final CaseContentScan scan = CaseContentScan.create();
    static Duration total;
    static Duration warmUp;
    static String summary;
    /** The rate the soak ran at, and the server's CPU per request the calibration measured (ms; 0 when skipped). */
    static int rate;
    static double calibrationCpuMs;

    @BeforeAll
    static void soak() throws Exception {
        total = Duration.ofSeconds(seconds());
        warmUp = Duration.ofSeconds(WARM_UP_S);
        Path serverDir = Files.createDirectories(dir.resolve("server"));
        server = SoakServer.start(serverDir);

        List<String> demoCases = demoCases();
        demoCases.forEach(scan::addCase);
        List<String> cdsBodies = new ArrayList<>();
        for (String json : demoCases.subList(0, 20)) {
            cdsBodies.add(cdsRequest(json));
        }
        List<ObjectNode> templates = SyntheticCases.generate(WRITE_SEED, 1, 1_000).stream()
                .filter(c -> c.path("neoadjuvant").has("chemotherapy")).toList();
        assertThat(templates).as("write templates").hasSizeGreaterThan(20);
        List<String> ids = demoCases.stream().map(j -> read(j).path("caseId").asText()).toList();
        mix = new SoakMix(server, ids, demoCases.subList(0, 60), cdsBodies, templates);

        rate = Integer.getInteger("cavaplan.soak.rate") != null ? RATE : calibrate();
        OpenLoad.Schedule schedule = new OpenLoad.Schedule(rate, warmUp, total, SEGMENTS, 256,
                Duration.ofSeconds(30));
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        result = new OpenLoad().run(schedule, mix, s -> sampler.submit(() -> sampleHeap(s)));
        sampler.shutdown();
        assertThat(sampler.awaitTermination(2, TimeUnit.MINUTES)).as("heap samples done").isTrue();
        server.stop();

        for (ObjectNode t : templates) {
            scan.addCase(t.toString());
        }
        mix.createdIds().forEach(id -> scan.addValue(id, "the case id"));
        mix.notes().forEach(note -> scan.addValue(note, "the free text of a write"));
        summary = summary();
        System.out.println(summary);
        Path kept = Files.createDirectories(Path.of("target", "soak-logs"));
        for (Path log : server.logFiles()) {
            Files.copy(log, kept.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(Path.of("target", "soak-summary.txt"), summary + "\n", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void every_request_gets_its_expected_status() {
        assertThat(result.answered()).as("answered").isEqualTo(result.sent());
        assertThat(result.failures()).as(summary).isEmpty();
        assertThat(result.errors()).as(summary).isZero();
    }

    /** The whole offered load was sent; a sender that fell behind does not hide it, latencies count from the intended time. */
    @Test
    void the_whole_offered_load_is_sent() {
        assertThat(result.sent()).isEqualTo(Math.round(total.plus(warmUp).toSeconds() * (double) rate));
    }

    @Test
    void the_servers_heap_after_a_full_collection_stays_flat() {
        assertThat(heapFailures).isEmpty();
        long first = heap[1];
        long last = heap[SEGMENTS];
        assertThat(first).isPositive();
        assertThat(last).as(summary).isLessThanOrEqualTo(first + HEAP_GROWTH_BYTES + (long) (first * HEAP_GROWTH_FRACTION));
    }

    /**
     * Requests whose work grows with the registry itself: each analytics request reads every case
     * (a de-identified export), and the worklist filters all of them. The soak adds cases and versions
     * all the time, so these get slower for that reason alone; they are held to the bound, not to
     * the first segment.
     */
    static final java.util.Set<String> GROW_WITH_THE_REGISTRY = java.util.Set.of("km", "cox", "worklist");

    /**
     * Stable: the p90 of the requests whose work does not grow with the registry stays within
     * {@link #GROWTH_FACTOR} times (or {@link #GROWTH_NOISE_MS} ms above) the first segment's,
     * so a leak or a growing queue fails it. The p99 is not compared between segments: the embedded
     * H2 registry checkpoints after every audited request and now and then one of them stalls a few
     * requests for up to some 300 ms, enough to move the p99 of a short segment several-fold. Every
     * segment's p99, of all kinds, is held to {@link #P99_BOUND_MS}.
     */
    @Test
    void latency_stays_stable_and_bounded() {
        double firstP90 = ms(steady(0), 90);
        double lastP90 = ms(steady(SEGMENTS - 1), 90);
        assertThat(lastP90).as("p90 of the requests whose work does not grow with the registry, first %.1f ms, "
                + "last %.1f ms; %s", firstP90, lastP90, summary)
                .isLessThanOrEqualTo(Math.max(GROWTH_FACTOR * firstP90, firstP90 + GROWTH_NOISE_MS));
        for (Histogram segment : result.segments()) {
            assertThat(ms(segment, 99)).as(summary).isLessThanOrEqualTo(P99_BOUND_MS);
        }
    }

    /** The latencies of one segment, of every kind but those that {@link #GROW_WITH_THE_REGISTRY}. */
    private static Histogram steady(int segment) {
        Histogram merged = new Histogram(3_600_000_000L, 3);
        result.byKindAndSegment().forEach((kind, segments) -> {
            if (!GROW_WITH_THE_REGISTRY.contains(kind)) {
                merged.add(segments.get(segment));
            }
        });
        return merged;
    }

    @Test
    void every_acknowledged_write_is_in_the_registry_after_the_server_stopped() {
        List<SoakMix.Ack> acks = mix.acks();
        assertThat(acks).as("acknowledged writes").hasSizeGreaterThan((int) (result.sent() * 0.10));
        Map<String, Integer> latest = new LinkedHashMap<>();
        Actor checker = Actor.localOperator("soak-check", "soak");
        try (Registry registry = Registry.open(SoakServerMain.jdbcUrl(dir.resolve("server")), Clock.systemUTC())) {
            for (SoakMix.Ack ack : acks) {
                Optional<StoredCase> stored = registry.readVersion(checker, ack.caseId(), ack.version());
                assertThat(stored).as(ack.toString()).isPresent();
                assertThat(stored.get().version().contentSha256()).as(ack.toString()).isEqualTo(ack.sha256());
                assertThat(stored.get().json()).as(ack.toString()).contains(ack.note());
                latest.merge(ack.caseId(), ack.version(), Math::max);
            }
            // more versions than acknowledged only when a client gave up on a write the server then made
            latest.forEach((id, version) -> assertThat(registry.history(checker, id)).as(id)
                    .hasSizeGreaterThanOrEqualTo(version));
        }
    }

    @Test
    void no_line_the_server_wrote_holds_case_content() {
        List<CaseContentScan.Finding> findings = new ArrayList<>();
        for (Path file : server.logFiles()) {
            findings.addAll(scan.scan(file));
        }
        Map<String, Long> byKind = findings.stream().collect(java.util.stream.Collectors.groupingBy(
                f -> f.file() + ": " + f.marker().what().replaceAll(" of case .*", ""), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
        assertThat(findings.subList(0, Math.min(50, findings.size()))).as("case content in the server's output: %s",
                byKind).extracting(Object::toString).isEmpty();
    }

    @Test
    void the_scanned_log_holds_one_line_per_request() throws IOException {
        long requestLines;
        try (var lines = Files.lines(server.serverLog(), StandardCharsets.UTF_8)) {
            requestLines = lines.filter(l -> REQUEST_LINE.matcher(l).matches()).count();
        }
        // every answered request left its line (a request the client gave up on may never have reached the server)
        assertThat(requestLines).as("request log lines in " + server.serverLog())
                .isGreaterThanOrEqualTo(result.sent() - result.errors());
        assertThat(scan.size()).as("values scanned for").isGreaterThan(1_000);
    }

    // ---- the run ------------------------------------------------------------------------------

    static long seconds() {
        String text = System.getProperty("cavaplan.soak.seconds");
        if (text == null || text.isBlank()) {
            text = System.getenv("CAVAPLAN_SOAK_SECONDS");
        }
        if (text == null || text.isBlank()) {
            return "true".equalsIgnoreCase(System.getenv("CI")) ? 300 : 20;
        }
        long s = Long.parseLong(text.strip());
        if (s < 10) {
            throw new IllegalArgumentException("cavaplan.soak.seconds must be at least 10, not " + s);
        }
        return s;
    }

    /**
     * The rate this machine can carry within {@link #MAX_SERVER_SHARE} of its processors: the mix at
     * {@link #CALIBRATION_RATE}, the server's CPU per answered request over the measured part, at most
     * {@link #RATE} and at least {@link #MIN_RATE}. Its requests are checked like the soak's.
     */
    private static int calibrate() throws Exception {
        OpenLoad.Schedule schedule = new OpenLoad.Schedule(CALIBRATION_RATE, Duration.ofSeconds(CALIBRATION_WARM_UP_S),
                Duration.ofSeconds(CALIBRATION_S), 1, 256, Duration.ofSeconds(30));
        long[] cpuAt = new long[2];
        ExecutorService sampler = Executors.newSingleThreadExecutor();
        OpenLoad.Result calibration = new OpenLoad().run(schedule, mix, segment -> sampler.submit(() -> {
            try {
                cpuAt[segment] = server.sample().cpuNanos();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        sampler.shutdown();
        assertThat(sampler.awaitTermination(2, TimeUnit.MINUTES)).as("calibration samples done").isTrue();
        assertThat(calibration.failures()).as("calibration").isEmpty();
        long answered = calibration.segments().get(0).getTotalCount();
        calibrationCpuMs = (cpuAt[1] - cpuAt[0]) / 1e6 / Math.max(1, answered);
        int cores = Runtime.getRuntime().availableProcessors();
        int carried = (int) Math.floor(MAX_SERVER_SHARE * cores * 1_000 / Math.max(0.01, calibrationCpuMs));
        return Math.max(MIN_RATE, Math.min(RATE, carried));
    }

    private static void sampleHeap(int segment) {
        try {
            SoakServer.Sample sample = server.sample();
            heap[segment] = sample.heapBytes();
            cpu[segment] = sample.cpuNanos();
        } catch (IOException | RuntimeException | Error e) {
            heapFailures.add(segment + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The latest JSON of every case of the demo cohort, read through the API as a client would. */
    private static List<String> demoCases() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String token = server.tokens.get("clinician");
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = read(get(http, "/api/v1/cases?limit=100" + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.path("cases").forEach(c -> ids.add(c.path("caseId").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(ids).as("the demo cohort").hasSizeGreaterThanOrEqualTo(300);
        List<String> cases = new ArrayList<>();
        for (String id : ids) {
            cases.add(read(get(http, "/api/v1/cases/" + id, token)).path("case").toString());
        }
        return cases;
    }

    private static String get(HttpClient http, String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    /**
     * A {@code patient-view} request for the case {@code json} with everything prefetched, as an EHR
     * sends it: the Patient, and one searchset Bundle per prefetch template; {@code HOOK-INSTANCE}
     * stands for the hook instance. The Patient's id is added to the privacy scan.
     */
    private static String cdsRequest(String json) {
        Case kase = ((ReadResult.Valid) CaseReader.create().read(json)).value();
        Map<String, String> keyOfType = Map.of("Patient", "patient", "Condition", "conditions", "DiagnosticReport",
                "reports", "Procedure", "procedures", "Encounter", "encounters", "Observation", "observations",
                "MedicationStatement", "medications");
        ObjectNode body = MAPPER.createObjectNode();
        body.put("hook", CdsHooks.HOOK);
        body.put("hookInstance", "HOOK-INSTANCE");
        ObjectNode prefetch = MAPPER.createObjectNode();
        Map<String, Bundle> searches = new LinkedHashMap<>();
        for (Bundle.BundleEntryComponent e : CaseBundle.of(kase).getEntry()) {
            Resource r = e.getResource();
            r.setId(e.getFullUrl().substring("urn:uuid:".length()));
            String key = keyOfType.get(r.fhirType());
            if (java.util.List.of("BodyStructure", "Specimen").contains(r.fhirType())) {
                continue; // the Tumor and the tumor Specimen: no prefetch template asks for them, CavaPlan reads neither
            }
            assertThat(key).as("prefetch key of " + r.fhirType()).isNotNull();
            if (key.equals("patient")) {
                prefetch.set(key, read(Fhir.json(r)));
                body.putObject("context").put("userId", "Practitioner/soak").put("patientId", r.getIdPart());
                scan.addValue(r.getIdPart(), "the FHIR Patient id of case " + kase.caseId());
            } else {
                searches.computeIfAbsent(key, k -> new Bundle().setType(Bundle.BundleType.SEARCHSET)).addEntry()
                        .setFullUrl("https://ehr.example/fhir/" + r.fhirType() + "/" + r.getIdPart()).setResource(r);
            }
        }
        for (String key : CdsHooks.prefetchTemplates().keySet()) {
            if (!key.equals("patient")) {
                Bundle b = searches.getOrDefault(key, new Bundle().setType(Bundle.BundleType.SEARCHSET));
                b.setTotal(b.getEntry().size());
                prefetch.set(key, read(Fhir.json(b)));
            }
        }
        body.set("prefetch", prefetch);
        return body.toString();
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ---- figures ------------------------------------------------------------------------------

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String summary() {
        Histogram first = result.segments().get(0);
        Histogram last = result.segments().get(SEGMENTS - 1);
        Histogram all = new Histogram(3);
        result.segments().forEach(all::add);
        StringBuilder kinds = new StringBuilder();
        new java.util.TreeMap<>(result.byKind()).forEach((k, h) -> kinds.append(String.format(Locale.ROOT,
                " %s %d/%.0f/%.0f", k.replace(' ', '-'), h.getTotalCount(), ms(h, 50), ms(h, 99))));
        return String.format(Locale.ROOT, "soak: %d s (%d s warm-up) at %d req/s (%s): sent %d, errors %d, acked writes %d "
                + "(new cases %d); p50/p99 ms first %.1f/%.1f, last %.1f/%.1f, all %.1f/%.1f, max %.0f; "
                + "heap after GC MB warm-up %.0f, first %.0f, last %.0f (all %s); server CPU %.1f ms per request; send lag max %.1f ms; "
                + "scanned for %d values; by kind n/p50/p99:%s%s",
                total.toSeconds(), warmUp.toSeconds(), rate, calibrationCpuMs == 0 ? "set, not calibrated"
                        : String.format(Locale.ROOT, "goal %d; calibrated at %d/s: server CPU %.2f ms per request", RATE,
                                CALIBRATION_RATE, calibrationCpuMs),
                result.sent(), result.errors(), mix.acks().size(),
                mix.createdIds().size(), ms(first, 50), ms(first, 99), ms(last, 50), ms(last, 99), ms(all, 50), ms(all, 99),
                all.getMaxValue() / 1000.0, heap[0] / 1048576.0, heap[1] / 1048576.0, heap[SEGMENTS] / 1048576.0,
                java.util.Arrays.stream(heap).mapToObj(b -> String.valueOf(b >> 20)).toList(),
                (cpu[SEGMENTS] - cpu[0]) / 1e6 / Math.max(1, result.segments().stream().mapToLong(Histogram::getTotalCount).sum()),
                result.sendLagMaxUs() / 1000.0,
                scan.size(), kinds, result.failures().isEmpty() ? "" : "; first failures: "
                        + result.failures().subList(0, Math.min(5, result.failures().size())));
    }
}

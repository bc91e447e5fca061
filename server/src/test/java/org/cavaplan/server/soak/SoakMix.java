package org.cavaplan.server.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The soak's mix of requests, drawn at random (fixed seed) in these shares: 45 % reads (the case
 * 14 %, the worklist with filters 12 %, the case's plan 11 %, its history 8 %), 15 % writes (a new
 * case 1 %, a new version of a case made in the run 14 %), 20 % {@code POST /api/v1/plan}, 5 %
 * analytics (Kaplan–Meier by a factor 4 %, Cox 1 %) and 15 % CDS Hooks {@code patient-view} with
 * full prefetch. New cases are few, as in a registry's life: each analytics request reads the whole
 * registry, so a registry that grew tenfold during the run (as it did with 5 % new cases) would make
 * the last minute slower for that reason alone. Every write carries a unique note in its free-text regimen, so every version differs
 * and the privacy scan has a value to look for that exists nowhere else.
 *
 * <p>{@link #apply} is called by the sender thread only; answers arrive on other threads.
 */
final class SoakMix implements LongFunction<OpenLoad.Call> {

    /** The share of each kind of request, in percent. */
    static final Map<String, Integer> SHARES = shares();

    private static Map<String, Integer> shares() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        m.put("read case", 14);
        m.put("worklist", 12);
        m.put("read plan", 11);
        m.put("history", 8);
        m.put("new case", 1);
        m.put("new version", 14);
        m.put("plan", 20);
        m.put("km", 4);
        m.put("cox", 1);
        m.put("cds patient-view", 15);
        return Collections.unmodifiableMap(m);
    }

    /** A write the server acknowledged: the case, the version it made, its content hash and the note it carried. */
    record Ack(String caseId, int version, String sha256, String note) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] FACTORS = {"level", "margin", "grade", "intent"};
    private static final String[] WORKLIST = {"?limit=20", "?level=1&limit=20", "?level=2", "?level=3&margin=R0",
        "?intent=CURATIVE&limit=50", "?margin=R1", "?q=synth&limit=10"};

    private final SoakServer server;
    private final List<String> demoIds;
    private final List<String> planBodies;
    private final List<String> cdsBodies;
    private final List<ObjectNode> templates;
    private final SplittableRandom random = new SplittableRandom(20_261_127L);
    private final List<String> created = new CopyOnWriteArrayList<>();
    /** The latest version the run wrote of each case it made, and the cases with a new version in flight. */
    private final java.util.Map<String, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> createdIds = new CopyOnWriteArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final String[] kinds = new String[100];
    private int nextCase;

    /**
     * @param demoIds the demo cohort's case ids (read, planned, listed)
     * @param planBodies case JSON posted to the planning route
     * @param cdsBodies CDS Hooks requests with full prefetch; {@code HOOK-INSTANCE} is replaced per request
     * @param templates cases with neoadjuvant chemotherapy, the models of the new cases
     */
    SoakMix(SoakServer server, List<String> demoIds, List<String> planBodies, List<String> cdsBodies,
            List<ObjectNode> templates) {
        this.server = server;
        this.demoIds = List.copyOf(demoIds);
        this.planBodies = List.copyOf(planBodies);
        this.cdsBodies = List.copyOf(cdsBodies);
        this.templates = List.copyOf(templates);
        int i = 0;
        for (Map.Entry<String, Integer> e : SHARES.entrySet()) {
            for (int k = 0; k < e.getValue(); k++) {
                kinds[i++] = e.getKey();
            }
        }
        if (i != kinds.length) {
            throw new IllegalStateException("the shares add up to " + i + " %, not 100 %");
        }
        String only = System.getProperty("cavaplan.soak.only");
        if (only != null && !only.isBlank()) {
            if (!SHARES.containsKey(only)) {
                throw new IllegalArgumentException("cavaplan.soak.only: no kind " + only + " in " + SHARES.keySet());
            }
            java.util.Arrays.fill(kinds, only); // a diagnosis of one kind's cost, never the soak itself
        }
    }

    @Override
    public OpenLoad.Call apply(long n) {
        String kind = kinds[random.nextInt(kinds.length)];
        String clinician = server.tokens.get("clinician");
        return switch (kind) {
            case "read case" -> get(kind, "/api/v1/cases/" + encode(anyCase()), clinician);
            case "worklist" -> get(kind, "/api/v1/cases" + WORKLIST[random.nextInt(WORKLIST.length)], clinician);
            case "read plan" -> get(kind, "/api/v1/cases/" + encode(anyCase()) + "/plan", clinician);
            case "history" -> get(kind, "/api/v1/cases/" + encode(anyCase()) + "/history", clinician);
            case "new case" -> newCase();
            case "new version" -> newVersion();
            case "plan" -> post(kind, "/api/v1/plan", clinician, planBodies.get(random.nextInt(planBodies.size())), 200,
                    r -> expectJson(r, "recommendations"));
            // the synthetic cohort counts (includeSynthetic): the analytics read the whole registry, as before issue 24
            case "km" -> get(kind, "/api/v1/analytics/km?includeSynthetic=true&factor="
                    + FACTORS[random.nextInt(FACTORS.length)], server.tokens.get("researcher"));
            case "cox" -> get(kind, "/api/v1/analytics/cox?includeSynthetic=true&covariates=grade,size_cm",
                    server.tokens.get("researcher"));
            case "cds patient-view" -> post(kind, "/cds-services/cavaplan-patient-view", null,
                    cdsBodies.get(random.nextInt(cdsBodies.size())).replace("HOOK-INSTANCE",
                            new java.util.UUID(random.nextLong(), random.nextLong()).toString()),
                    200, r -> expectJson(r, "cards"));
            default -> throw new IllegalStateException(kind);
        };
    }

    /** Every write the server acknowledged. */
    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /** The ids of the cases the run made (acknowledged or not). */
    List<String> createdIds() {
        return List.copyOf(createdIds);
    }

    /** The notes the writes carried (sender thread only: call after the run). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    private String anyCase() {
        if (!created.isEmpty() && random.nextInt(4) == 0) {
            return created.get(random.nextInt(created.size()));
        }
        return demoIds.get(random.nextInt(demoIds.size()));
    }

    private OpenLoad.Call newCase() {
        String id = String.format("SOAK-MRN-%07d", ++nextCase);
        createdIds.add(id);
        String note = note();
        ObjectNode body = templates.get(nextCase % templates.size()).deepCopy();
        body.put("caseId", id);
        withNote(body, note);
        // a template may hold a real but unusual change of size (plausibility warning): confirmed, as a clinician would
        return post("new case", "/api/v1/cases?reason=soak&confirmWarnings=true", server.tokens.get("clinician"),
                body.toString(), 201,
                r -> {
                    acknowledged(r, id, note);
                    created.add(id);
                });
    }

    /** A new version of a case made in the run (a new case while none is acknowledged yet). */
    private OpenLoad.Call newVersion() {
        if (created.isEmpty()) {
            return newCase();
        }
        // a new version names the version it is based on (If-Match): the one the run last wrote, so a case
        // gets no second write while one is in flight (that one would be refused with 409 as based on an older version)
        String id = created.get(random.nextInt(created.size()));
        if (!inFlight.add(id)) {
            return newCase();
        }
        int basedOn = versions.get(id);
        int index = Integer.parseInt(id.substring("SOAK-MRN-".length()));
        String note = note();
        ObjectNode body = templates.get(index % templates.size()).deepCopy();
        body.put("caseId", id);
        withNote(body, note);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/cases/" + encode(id) + "?confirmWarnings=true"))
                .header("Authorization", "Bearer " + server.tokens.get("clinician"))
                .header("Content-Type", "application/json").header("X-Reason", "soak")
                .header("If-Match", "\"" + basedOn + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return new OpenLoad.Call("new version", request, 200, r -> {
            acknowledged(r, id, note);
            inFlight.remove(id);
        });
    }

    private String note() {
        String note = "doxorubicin, soak note " + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        notes.add(note);
        return note;
    }

    private static void withNote(ObjectNode kase, String note) {
        ((ObjectNode) kase.path("neoadjuvant").path("chemotherapy")).put("regimen", note);
    }

    private void acknowledged(HttpResponse<String> response, String id, String note) {
        JsonNode v = json(response);
        if (!v.path("caseId").asText().equals(id) || v.path("version").asInt() < 1) {
            throw new IllegalStateException("not the acknowledgement of " + id);
        }
        acks.add(new Ack(id, v.path("version").asInt(), v.path("contentSha256").asText(), note));
        versions.merge(id, v.path("version").asInt(), Math::max);
    }

    private OpenLoad.Call get(String kind, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .GET().build();
        return new OpenLoad.Call(kind, request, 200, r -> { });
    }

    private OpenLoad.Call post(String kind, String path, String token, String body, int status,
            Consumer<HttpResponse<String>> onAnswer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return new OpenLoad.Call(kind, b.build(), status, onAnswer);
    }

    private static void expectJson(HttpResponse<String> response, String field) {
        if (!json(response).has(field)) {
            throw new IllegalStateException("the answer has no " + field);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package org.cavaplan.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.fhir.Cards;
import org.cavaplan.fhir.CdsHooks;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.server.cds.CdsClientTrust;

/**
 * CavaPlan inside the EHR: the CDS Hooks 2.0 discovery endpoint, the {@value CdsHooks#SERVICE_ID}
 * service on the {@code patient-view} hook, and its feedback endpoint.
 *
 * <p>The service builds the case from the request's prefetch; for each prefetch key the EHR did
 * not send it reads the resource from {@code fhirServer} with the EHR's bearer token, and answers 412
 * when it cannot. Requests are trusted through {@link CdsClientTrust} unless the server runs in demo
 * mode without an allow-list.
 */
final class CdsApi {

    static final String DISCOVERY = "/cds-services";
    static final String SERVICE = DISCOVERY + "/" + CdsHooks.SERVICE_ID;
    static final String FEEDBACK = SERVICE + "/feedback";
    private static final Duration FHIR_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_FHIR_RESPONSE = 20_000_000;
    /** A search is read page by page through {@code link.next}, up to this many pages and this long in all. */
    static final int MAX_PAGES = 50;
    static final Duration SEARCH_BUDGET = Duration.ofSeconds(30);

    /**
     * Reads requests with decimals as written ({@code 4.50} stays 4.50), as HAPI does when it reads
     * FHIR text: the prefetched resources are handed to HAPI as this tree.
     */
    private static final ObjectReader REQUEST_READER = Json.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final Engine engine;
    private final Clock clock;
    private final Registry registry;
    private final Optional<CdsClientTrust> trust;
    private final long maxBodyBytes;
    /**
     * The FHIR reader takes most of a second to build (HAPI's R4 model): {@link #prepare()} builds it
     * in the background while the server starts, and the first CDS request waits for it if it must.
     */
    private CompletableFuture<CdsHooks> hooks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FHIR_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** {@code trust}: the EHRs allowed to call; empty only in demo mode, where nobody is checked. */
    CdsApi(Engine engine, Registry registry, Optional<CdsClientTrust> trust, long maxBodyBytes, Clock clock) {
        this.clock = clock;
        this.engine = engine;
        this.registry = registry;
        this.trust = trust;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Starts building the FHIR reader in the background (once); the future of it. */
    synchronized CompletableFuture<CdsHooks> prepare() {
        if (hooks == null) {
            hooks = CompletableFuture.supplyAsync(CdsHooks::create);
        }
        return hooks;
    }

    void discovery(Context ctx) {
        cors(ctx);
        ctx.contentType(Api.JSON).result(Json.write(CdsHooks.discovery()));
    }

    void preflight(Context ctx) {
        cors(ctx);
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.status(204);
    }

    void service(Context ctx) {
        cors(ctx);
        Actor actor = trusted(ctx);
        ObjectNode request = requestObject(ctx);
        List<InputError> errors = new ArrayList<>();
        if (!CdsHooks.HOOK.equals(request.path("hook").asText())) {
            errors.add(new InputError("/hook", "must be \"" + CdsHooks.HOOK + "\""));
        }
        if (!request.path("hookInstance").isTextual()) {
            errors.add(new InputError("/hookInstance", "is required (a UUID)"));
        }
        String patientId = request.path("context").path("patientId").asText("");
        if (patientId.isBlank() || !patientId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            errors.add(new InputError("/context/patientId", "is required: a FHIR resource id"));
        }
        if (!errors.isEmpty()) {
            throw Problem.badRequest("the CDS Hooks request is not valid", errors);
        }
        ObjectNode prefetch = prefetch(request, patientId);
        ReadResult read = prepare().join().caseFrom(prefetch);
        ObjectNode response;
        if (!hasLeiomyosarcoma(prefetch.get("conditions"))) {
            response = Cards.response(List.of());
        } else if (read instanceof ReadResult.Valid valid) {
            Case kase = valid.value();
            Plan plan = engine.plan(kase, Today.of(clock));
            response = Cards.response(Cards.from(plan, baseUrl(ctx) + "/cases/" + kase.caseId()));
        } else {
            response = Cards.response(List.of(cannotPlan(patientId, ((ReadResult.Invalid) read).errors())));
        }
        registry.recordCdsCall(actor, patientId, response.path("cards").size());
        ctx.contentType(Api.JSON).result(Json.write(response));
    }

    void feedback(Context ctx) {
        cors(ctx);
        Actor actor = trusted(ctx);
        ObjectNode request = requestObject(ctx);
        JsonNode items = request.get("feedback");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw Problem.badRequest("the feedback request is not valid",
                    List.of(new InputError("/feedback", "is required: an array of card outcomes")));
        }
        List<InputError> errors = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = "/feedback/" + i;
            String card = item.path("card").asText("");
            String outcome = item.path("outcome").asText("");
            if (card.isBlank() || card.length() > 100) {
                errors.add(new InputError(at + "/card", "is required: the uuid of the card"));
            }
            if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
                errors.add(new InputError(at + "/outcome", "must be \"accepted\" or \"overridden\""));
            }
            StringBuilder line = new StringBuilder("card ").append(card).append(' ').append(outcome);
            JsonNode timestamp = item.get("outcomeTimestamp");
            if (timestamp == null || timestamp.isNull()) {
                errors.add(new InputError(at + "/outcomeTimestamp", "is required: when the clinician accepted or overrode the card, "
                        + "an ISO 8601 date-time with its time zone (e.g. 2026-11-27T10:00:00Z)"));
            } else {
                Optional<java.time.OffsetDateTime> when = instant(timestamp);
                if (when.isEmpty()) {
                    errors.add(new InputError(at + "/outcomeTimestamp", "must be an ISO 8601 date-time with its time zone "
                            + "(e.g. 2026-11-27T10:00:00Z), not " + Json.write(timestamp)));
                } else {
                    line.append(" at=").append(when.get().toInstant());
                }
            }
            JsonNode accepted = item.get("acceptedSuggestions");
            if (outcome.equals("accepted")) {
                if (accepted == null || !accepted.isArray()) {
                    errors.add(new InputError(at + "/acceptedSuggestions", "is required for an accepted card: the suggestions "
                            + "accepted, each {\"id\": …} (an empty array for a card without suggestions)"));
                } else {
                    List<String> ids = new ArrayList<>();
                    for (int k = 0; k < accepted.size(); k++) {
                        String id = accepted.get(k).path("id").asText("");
                        if (id.isBlank() || id.length() > 100) {
                            errors.add(new InputError(at + "/acceptedSuggestions/" + k + "/id", "is required: the id of the suggestion"));
                        }
                        ids.add(id);
                    }
                    if (!ids.isEmpty()) {
                        line.append(" suggestions=").append(String.join(",", ids));
                    }
                }
            } else if (accepted != null && outcome.equals("overridden")) {
                errors.add(new InputError(at + "/acceptedSuggestions", "is only given for an accepted card"));
            }
            JsonNode reason = item.path("overrideReason");
            if (!reason.isMissingNode()) {
                String code = reason.path("reason").path("code").asText("");
                String display = reason.path("reason").path("display").asText("");
                String comment = reason.path("userComment").asText("");
                if (!outcome.equals("overridden")) {
                    errors.add(new InputError(at + "/overrideReason", "is only given for an overridden card"));
                }
                line.append(" reason=").append(code.isBlank() ? display : code);
                if (!comment.isBlank()) {
                    line.append(" comment=").append(comment);
                }
            }
            lines.add(line.toString());
        }
        if (!errors.isEmpty()) {
            throw Problem.badRequest("the feedback request is not valid", errors);
        }
        for (String line : lines) {
            registry.recordCdsFeedback(actor, CdsHooks.SERVICE_ID, line);
        }
        ctx.status(200).contentType(Api.JSON).result("{}");
    }

    /** A CDS Hooks {@code outcomeTimestamp}: an ISO 8601 date-time with a time zone (offset or Z). */
    static Optional<java.time.OffsetDateTime> instant(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.asText()));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the service speaks for this patient ({@link CdsHooks#speaksFor}: ICD-O-3, ICD-10-CM or
     * SNOMED CT leiomyosarcoma, or a tumor of the vena cava awaiting its biopsy); everyone else gets no card.
     */
    static boolean hasLeiomyosarcoma(JsonNode conditions) {
        return CdsHooks.speaksFor(conditions);
    }

    /**
     * The one card for a record CavaPlan cannot plan from: it says what is missing or wrong, by
     * pointer, instead of guessing (a {@code warning}, since no plan is shown).
     */
    static ObjectNode cannotPlan(String patientId, List<InputError> errors) {
        ObjectNode card = Json.MAPPER.createObjectNode();
        card.put("uuid", Cards.uuid("patient/" + patientId, "cannot-plan"));
        card.put("summary", "CavaPlan cannot plan from this record: " + errors.size()
                + (errors.size() == 1 ? " fact is" : " facts are") + " missing or unreadable.");
        StringBuilder md = new StringBuilder("CavaPlan builds its plan only from recorded facts and does not guess. "
                + "It needs these corrected or recorded in the EHR (FHIR pointers):\n\n");
        errors.stream().limit(20).forEach(e -> md.append("- `").append(e.pointer().isEmpty() ? "/" : e.pointer())
                .append("`: ").append(e.message()).append('\n'));
        if (errors.size() > 20) {
            md.append("- and ").append(errors.size() - 20).append(" more\n");
        }
        card.put("detail", md.toString());
        card.put("indicator", "warning");
        card.putObject("source").put("label", "CavaPlan");
        return card;
    }

    private Actor trusted(Context ctx) {
        String origin = ctx.ip();
        if (trust.isPresent()) {
            CdsClientTrust.Verdict verdict = trust.get().verify(Optional.ofNullable(ctx.header("Authorization")),
                    baseUrl(ctx) + ctx.path());
            if (verdict instanceof CdsClientTrust.Verdict.Trusted t) {
                return Actor.cdsClient(t.subject(), t.issuer(), origin);
            }
            ctx.attribute("cds.refused", ((CdsClientTrust.Verdict.Refused) verdict).reason());
            throw new Problem(401, "Unauthorized", "a JWT signed by a trusted EHR is required", List.of());
        }
        return Actor.cdsClient("demo-ehr", "demo", origin);
    }

    private ObjectNode requestObject(Context ctx) {
        String body = Api.requestBody(ctx, maxBodyBytes);
        try {
            if (REQUEST_READER.readTree(body) instanceof ObjectNode node) {
                return node;
            }
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("the request body is not JSON", List.of(new InputError("", "is not valid JSON")));
        }
        throw Problem.badRequest("the request body must be a JSON object", List.of(new InputError("", "must be an object")));
    }

    /** The prefetch the EHR sent, completed from its FHIR server for every key it left out. */
    private ObjectNode prefetch(ObjectNode request, String patientId) {
        // the request was parsed for this call alone, so its prefetch is completed in place
        ObjectNode prefetch = request.get("prefetch") instanceof ObjectNode p ? p : request.putObject("prefetch");
        List<String> missing = new ArrayList<>();
        for (String key : CdsHooks.prefetchTemplates().keySet()) {
            if (!prefetch.has(key)) {
                missing.add(key);
            }
        }
        if (missing.isEmpty()) {
            return prefetch;
        }
        String server = request.path("fhirServer").asText("");
        if (server.isBlank()) {
            throw precondition("the prefetch lacks " + String.join(", ", missing) + " and no fhirServer was given");
        }
        URI base;
        try {
            base = URI.create(server.endsWith("/") ? server : server + "/");
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("the fhirServer is not a URL", List.of(new InputError("/fhirServer", "is not a URL")));
        }
        if (!"https".equals(base.getScheme()) && !"http".equals(base.getScheme())) {
            throw Problem.badRequest("the fhirServer is not an http(s) URL",
                    List.of(new InputError("/fhirServer", "must be an http or https URL")));
        }
        Optional<String> token = Optional.ofNullable(request.path("fhirAuthorization").path("access_token").textValue());
        for (String key : missing) {
            prefetch.set(key, fetchAllPages(base, base.resolve(query(CdsHooks.prefetchTemplates().get(key), patientId)), token, key));
        }
        return prefetch;
    }

    /**
     * The template as a relative URL for the patient: the patient id and the characters a URL does not
     * take as they are ({@code |} between a token's system and code) percent-encoded.
     */
    static String query(String template, String patientId) {
        String id = java.net.URLEncoder.encode(patientId, StandardCharsets.UTF_8).replace("+", "%20");
        return template.replace("|", "%7C").replace(" ", "%20").replace("{{context.patientId}}", id);
    }

    /**
     * A read, or a search with every page: a searchset Bundle's {@code link.next} is followed (on the
     * same FHIR server only), its entries gathered into the first page, up to {@link #MAX_PAGES} pages
     * within {@link #SEARCH_BUDGET}; past either bound the call is a 412 rather than a plan from part
     * of the record.
     */
    private JsonNode fetchAllPages(URI base, URI first, Optional<String> token, String key) {
        long deadline = System.nanoTime() + SEARCH_BUDGET.toNanos();
        JsonNode page = fetch(first, token, key);
        if (!(page instanceof ObjectNode bundle) || !"Bundle".equals(bundle.path("resourceType").asText())) {
            return page;
        }
        com.fasterxml.jackson.databind.node.ArrayNode entries = bundle.withArray("entry");
        Optional<String> next = nextLink(bundle);
        int pages = 1;
        while (next.isPresent()) {
            URI uri;
            try {
                uri = base.resolve(next.get());
            } catch (IllegalArgumentException e) {
                throw precondition("the FHIR server's next page of " + key + " is not a URL");
            }
            if (!sameServer(base, uri)) {
                throw precondition("the FHIR server's next page of " + key + " is on another server");
            }
            if (++pages > MAX_PAGES) {
                throw precondition("the FHIR server's search for " + key + " has more than " + MAX_PAGES + " pages");
            }
            if (System.nanoTime() > deadline) {
                throw precondition("reading " + key + " from the FHIR server took longer than " + SEARCH_BUDGET.toSeconds() + " s");
            }
            JsonNode more = fetch(uri, token, key);
            more.path("entry").forEach(entries::add);
            next = nextLink(more);
        }
        bundle.remove("link");
        if (pages > 1 && bundle.has("total")) {
            bundle.put("total", entries.size());
        }
        return bundle;
    }

    private static Optional<String> nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText()) && link.path("url").isTextual()) {
                return Optional.of(link.path("url").asText());
            }
        }
        return Optional.empty();
    }

    private static boolean sameServer(URI base, URI uri) {
        return base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && String.valueOf(base.getHost()).equalsIgnoreCase(String.valueOf(uri.getHost())) && base.getPort() == uri.getPort();
    }

    private JsonNode fetch(URI uri, Optional<String> token, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(FHIR_TIMEOUT)
                .header("Accept", "application/fhir+json").GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw precondition("the FHIR server could not be reached for " + key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw precondition("interrupted while reading " + key + " from the FHIR server");
        }
        if (response.statusCode() == 404 && "patient".equals(key)) {
            throw precondition("the FHIR server has no such patient");
        }
        if (response.statusCode() / 100 != 2 || response.body().length > MAX_FHIR_RESPONSE) {
            throw precondition("the FHIR server answered " + response.statusCode() + " for " + key);
        }
        try {
            return Json.MAPPER.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw precondition("the FHIR server's answer for " + key + " is not JSON");
        }
    }

    private static Problem precondition(String detail) {
        return new Problem(412, "Precondition Failed", detail, List.of());
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
    }

    /** The server's own address as the client used it (for links and the JWT audience). */
    static String baseUrl(Context ctx) {
        String proto = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
        String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.host());
        return proto + "://" + host;
    }

}

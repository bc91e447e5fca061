package org.cavaplan.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
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
import org.cavaplan.server.ehr.EhrRecord;
import org.cavaplan.server.smart.SmartEhrs;
import org.cavaplan.server.web.SmartPages;
import org.cavaplan.server.web.WebPages;

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
    private final SmartEhrs smart;
    private final long maxBodyBytes;
    /**
     * The FHIR reader takes most of a second to build (HAPI's R4 model): {@link #prepare()} builds it
     * in the background while the server starts, and the first CDS request waits for it if it must.
     */
    private CompletableFuture<CdsHooks> hooks;
    private final EhrRecord ehr;

    /**
     * {@code trust}: the EHRs allowed to call; empty only in demo mode, where nobody is checked;
     * {@code smart}: the EHRs that may launch CavaPlan (the cards' link); {@code ehr}: the server's
     * reader of EHR records, shared with the SMART app.
     */
    CdsApi(Engine engine, Registry registry, Optional<CdsClientTrust> trust, SmartEhrs smart, EhrRecord ehr, long maxBodyBytes,
            Clock clock) {
        this.smart = smart;
        this.ehr = ehr;
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
            response = Cards.response(Cards.from(plan, planLink(ctx, actor, kase)));
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

    /**
     * The cards' link to the whole plan: a SMART launch of CavaPlan when EHRs may launch it (the EHR
     * opens it in the patient's context, with no CavaPlan sign-in), else the registry's plan page when
     * the registry holds the case, else none (a page of a case never stored would be a 404).
     */
    private Optional<Cards.Link> planLink(Context ctx, Actor actor, Case kase) {
        if (smart.any()) {
            return Optional.of(Cards.Link.smart(WebPages.baseUrl(ctx) + SmartPages.LAUNCH));
        }
        boolean stored = !registry.history(actor, kase.caseId()).isEmpty();
        return stored ? Optional.of(Cards.Link.absolute(WebPages.baseUrl(ctx) + "/cases/" + Api.encode(kase.caseId())))
                : Optional.empty();
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
                    WebPages.baseUrl(ctx) + ctx.path());
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
        URI base = EhrRecord.base(server).orElseThrow(() -> Problem.badRequest("the fhirServer is not an http(s) URL",
                List.of(new InputError("/fhirServer", "must be an http or https URL"))));
        Optional<String> token = Optional.ofNullable(request.path("fhirAuthorization").path("access_token").textValue());
        try {
            ehr.read(base, patientId, token, missing, prefetch);
        } catch (EhrRecord.Unreadable e) {
            throw precondition(e.getMessage());
        }
        return prefetch;
    }

    private static Problem precondition(String detail) {
        return new Problem(412, "Precondition Failed", detail, List.of());
    }

    private static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
    }

}

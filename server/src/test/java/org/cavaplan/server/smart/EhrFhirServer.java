package org.cavaplan.server.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.cavaplan.server.smart.EhrAuthorization.AccessGrant;

/**
 * The test EHR's FHIR R4 resource server: reads and searches within the access token's patient
 * compartment and scopes (SMART App Launch 2.0.0, "Access FHIR API"; RFC 6750 for the bearer token),
 * searchset Bundles paged through opaque {@code link.next} URLs. Every refusal is also written to the
 * journal. Thread-safe.
 */
final class EhrFhirServer {

    /** An answer to write: status, FHIR JSON body and, for 401, the WWW-Authenticate challenge. */
    record FhirAnswer(int status, JsonNode body, Optional<String> wwwAuthenticate) {
        static FhirAnswer ok(JsonNode body) {
            return new FhirAnswer(200, body, Optional.empty());
        }
    }

    /** The result of checking the bearer token. */
    private sealed interface Bearer {
        record Valid(AccessGrant grant) implements Bearer {
        }

        record Refused(FhirAnswer answer) implements Bearer {
        }
    }

    /** A search's matches kept for paging. */
    private record PageSet(String id, String patientId, String type, List<ObjectNode> matches, int pageSize,
            String firstPage) {
        PageSet {
            matches = List.copyOf(matches);
        }
    }

    private static final List<String> TOKEN_PARAMETERS = List.of("category", "code");

    private final String fhirBase;
    private final String practitionerId;
    private final EhrRecords records;
    private final EhrAuthorization authorization;
    private final EhrClock clock;
    private final EhrJournal journal;
    private final IntSupplier pageSize;
    private final Map<String, PageSet> pageSets = new ConcurrentHashMap<>();

    EhrFhirServer(String fhirBase, String practitionerId, EhrRecords records, EhrAuthorization authorization,
            EhrClock clock, EhrJournal journal, IntSupplier pageSize) {
        this.fhirBase = fhirBase;
        this.practitionerId = practitionerId;
        this.records = records;
        this.authorization = authorization;
        this.clock = clock;
        this.journal = journal;
        this.pageSize = pageSize;
    }

    /** {@code GET [base]/[type]/[id]}. */
    FhirAnswer read(String type, String id, Optional<String> authorizationHeader, Map<String, List<String>> query) {
        Bearer bearer = bearer(authorizationHeader, query);
        if (bearer instanceof Bearer.Refused refused) {
            return refused.answer();
        }
        AccessGrant grant = ((Bearer.Valid) bearer).grant();
        String asked = type + "/" + id;
        if (type.equals("Practitioner") && id.equals(practitionerId)) {
            boolean identity = grant.scopes().containsAll(List.of("openid", "fhirUser"));
            return identity || permits(grant, type, 'r').isPresent() ? FhirAnswer.ok(practitioner())
                    : forbidden("read " + asked + " without the openid and fhirUser scopes or a scope for Practitioner");
        }
        Optional<Predicate<JsonNode>> allowed = permits(grant, type, 'r');
        if (allowed.isEmpty()) {
            return forbidden("read " + asked + ", but the granted scopes " + grant.scopes() + " do not allow reading " + type);
        }
        if (type.equals("Patient")) {
            return id.equals(grant.patientId()) ? FhirAnswer.ok(records.patient(id).orElseThrow())
                    : forbidden("read " + asked + ", outside the patient in context (" + grant.patientId() + ")");
        }
        Optional<EhrRecords.Held> held = records.find(type, id);
        if (held.isEmpty()) {
            return new FhirAnswer(404, outcome("not-found", asked + " is not known"), Optional.empty());
        }
        if (!held.get().patientId().equals(grant.patientId())) {
            return forbidden("read " + asked + ", outside the patient in context (" + grant.patientId() + ")");
        }
        return allowed.get().test(held.get().resource()) ? FhirAnswer.ok(held.get().resource())
                : forbidden("read " + asked + ", outside the granted scopes " + grant.scopes());
    }

    /**
     * {@code GET [base]/[type]?patient=[id]&...}: {@code patient} (or {@code subject=Patient/[id]}),
     * {@code category}, {@code code} and {@code _count} are honoured, other parameters ignored (FHIR's
     * lenient handling; the self link shows what was used).
     */
    FhirAnswer search(String type, Optional<String> authorizationHeader, Map<String, List<String>> query) {
        Bearer bearer = bearer(authorizationHeader, query);
        if (bearer instanceof Bearer.Refused refused) {
            return refused.answer();
        }
        AccessGrant grant = ((Bearer.Valid) bearer).grant();
        Optional<Predicate<JsonNode>> allowed = permits(grant, type, 's');
        if (allowed.isEmpty()) {
            return forbidden("searched " + type + ", but the granted scopes " + grant.scopes() + " do not allow searching it");
        }
        Optional<Integer> count;
        try {
            count = Optional.ofNullable(first(query, "_count")).map(Integer::parseInt);
        } catch (NumberFormatException e) {
            return invalid("searched " + type + " with a _count that is not a number: " + first(query, "_count"));
        }
        if (count.isPresent() && count.get() < 0) {
            return invalid("searched " + type + " with a negative _count");
        }
        int size = count.map(c -> Math.min(c, pageSize.getAsInt())).orElse(pageSize.getAsInt());
        if (type.equals("Patient")) {
            return searchPatient(grant, query, size);
        }
        List<String> patients = new ArrayList<>(query.getOrDefault("patient", List.of()));
        query.getOrDefault("subject", List.of()).stream().filter(s -> s.contains("Patient/")).forEach(patients::add);
        if (patients.isEmpty()) {
            return forbidden("searched " + type + " without a patient (or subject=Patient/...) parameter, which would"
                    + " reach beyond the patient in context");
        }
        if (patients.size() > 1) {
            return invalid("searched " + type + " with more than one patient parameter");
        }
        String patient = patients.get(0).replaceFirst("^" + Pattern.quote(fhirBase + "/"), "")
                .replaceFirst("^Patient/", "");
        if (!patient.equals(grant.patientId())) {
            return forbidden("searched " + type + " of patient " + patient + ", outside the patient in context ("
                    + grant.patientId() + ")");
        }
        Predicate<JsonNode> filter = allowed.get();
        StringBuilder self = new StringBuilder(fhirBase + "/" + type + "?patient=" + encode(patient));
        for (String parameter : TOKEN_PARAMETERS) {
            for (String value : query.getOrDefault(parameter, List.of())) {
                filter = filter.and(r -> org.cavaplan.server.FhirSearch.tokenMatches(r.path(parameter), value));
                self.append('&').append(parameter).append('=').append(encode(value));
            }
        }
        count.ifPresent(c -> self.append("&_count=").append(c));
        return firstPage(grant.patientId(), type, records.search(patient, type, filter), size, self.toString());
    }

    /** {@code GET [base]?_getpages=[id]&_getpagesoffset=[n]}: a further page of a search. */
    FhirAnswer page(Optional<String> authorizationHeader, Map<String, List<String>> query) {
        Bearer bearer = bearer(authorizationHeader, query);
        if (bearer instanceof Bearer.Refused refused) {
            return refused.answer();
        }
        AccessGrant grant = ((Bearer.Valid) bearer).grant();
        PageSet set = pageSets.get(Optional.ofNullable(first(query, "_getpages")).orElse(""));
        if (set == null) {
            return invalid("asked for a page of a search this EHR never answered: " + query);
        }
        if (!set.patientId().equals(grant.patientId())) {
            return forbidden("asked for a page of a search of patient " + set.patientId() + ", outside the patient in"
                    + " context (" + grant.patientId() + ")");
        }
        int offset;
        try {
            offset = Integer.parseInt(Optional.ofNullable(first(query, "_getpagesoffset")).orElse("0"));
        } catch (NumberFormatException e) {
            return invalid("asked for a page at an offset that is not a number");
        }
        return FhirAnswer.ok(bundle(set, Math.max(0, offset), pageUrl(set, Math.max(0, offset))));
    }

    private FhirAnswer searchPatient(AccessGrant grant, Map<String, List<String>> query, int size) {
        String id = first(query, "_id");
        if (id == null || !id.equals(grant.patientId())) {
            return forbidden("searched Patient with _id " + id + ", outside the patient in context (" + grant.patientId() + ")");
        }
        return firstPage(grant.patientId(), "Patient", List.of(records.patient(id).orElseThrow()), size,
                fhirBase + "/Patient?_id=" + encode(id));
    }

    private FhirAnswer firstPage(String patientId, String type, List<ObjectNode> matches, int size, String self) {
        PageSet set = new PageSet(UUID.randomUUID().toString(), patientId, type, matches, size, self);
        pageSets.put(set.id(), set);
        return FhirAnswer.ok(bundle(set, 0, self));
    }

    private ObjectNode bundle(PageSet set, int offset, String self) {
        ObjectNode bundle = EhrRecords.JSON.createObjectNode()
                .put("resourceType", "Bundle")
                .put("id", UUID.randomUUID().toString())
                .put("type", "searchset")
                .put("total", set.matches().size());
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", self);
        int end = Math.min(set.matches().size(), offset + set.pageSize());
        if (set.pageSize() > 0 && end < set.matches().size()) {
            links.addObject().put("relation", "next").put("url", pageUrl(set, end));
        }
        if (offset < end) {
            ArrayNode entries = bundle.putArray("entry");
            for (ObjectNode resource : set.matches().subList(offset, end)) {
                ObjectNode entry = entries.addObject();
                entry.put("fullUrl", fhirBase + "/" + resource.path("resourceType").asText() + "/" + resource.path("id").asText());
                entry.set("resource", resource);
                entry.putObject("search").put("mode", "match");
            }
        }
        return bundle;
    }

    private String pageUrl(PageSet set, int offset) {
        return fhirBase + "?_getpages=" + set.id() + "&_getpagesoffset=" + offset + "&_count=" + set.pageSize();
    }

    /**
     * What the grant allows on a type: empty when no granted scope allows the interaction, else which
     * resources the allowing scopes admit (any of them).
     */
    private static Optional<Predicate<JsonNode>> permits(AccessGrant grant, String type, char interaction) {
        List<ClinicalScope> allowing = grant.clinicalScopes().stream().filter(s -> s.allows(type, interaction)).toList();
        if (allowing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(resource -> allowing.stream().anyMatch(s -> s.admits(resource)));
    }

    private Bearer bearer(Optional<String> header, Map<String, List<String>> query) {
        if (query.containsKey("access_token")) {
            journal.problem("FHIR request: the access token was sent in the URL, not in the Authorization header");
        }
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            journal.problem("FHIR request without an Authorization: Bearer header");
            return new Bearer.Refused(new FhirAnswer(401, outcome("login", "an access token is required"),
                    Optional.of("Bearer realm=\"" + fhirBase + "\"")));
        }
        Optional<AccessGrant> grant = authorization.grant(header.get().substring(7).strip());
        if (grant.isEmpty()) {
            return unauthorized("FHIR request with an access token this EHR did not issue or has revoked");
        }
        if (clock.instant().isAfter(grant.get().expires())) {
            return unauthorized("FHIR request with an access token that expired at " + grant.get().expires());
        }
        return new Bearer.Valid(grant.get());
    }

    private Bearer unauthorized(String problem) {
        journal.problem(problem);
        return new Bearer.Refused(new FhirAnswer(401, outcome("login", "the access token is not valid"),
                Optional.of("Bearer realm=\"" + fhirBase + "\", error=\"invalid_token\"")));
    }

    private FhirAnswer forbidden(String what) {
        journal.problem("FHIR request: " + what);
        return new FhirAnswer(403, outcome("forbidden", what), Optional.empty());
    }

    private FhirAnswer invalid(String what) {
        journal.problem("FHIR request: " + what);
        return new FhirAnswer(400, outcome("invalid", what), Optional.empty());
    }

    private ObjectNode practitioner() {
        ObjectNode p = EhrRecords.JSON.createObjectNode().put("resourceType", "Practitioner").put("id", practitionerId)
                .put("active", true);
        ObjectNode name = p.putArray("name").addObject().put("family", "Test");
        name.putArray("given").add("Dana");
        name.putArray("prefix").add("Dr");
        return p;
    }

    static ObjectNode outcome(String code, String diagnostics) {
        ObjectNode outcome = EhrRecords.JSON.createObjectNode().put("resourceType", "OperationOutcome");
        outcome.putArray("issue").addObject().put("severity", "error").put("code", code).put("diagnostics", diagnostics);
        return outcome;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

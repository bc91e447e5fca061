package org.cavaplan.server.ehr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.cavaplan.fhir.CdsHooks;

/**
 * Reads a patient's record from an EHR's FHIR R4 server: the resources CavaPlan's prefetch templates
 * ({@link CdsHooks#prefetchTemplates()}) name, each search with every page. Used by the CDS Hooks
 * service for the prefetch keys the EHR left out and by the SMART app for the whole record.
 *
 * <p>A search Bundle's {@code link.next} is followed on the same server only, up to
 * {@link #MAX_PAGES} pages within {@link #SEARCH_BUDGET}; past either bound, or when the server
 * cannot be read, the read fails with {@link Unreadable} rather than give part of the record.
 * Thread-safe.
 */
public final class EhrRecord {

    /** Why the record could not be read in full; {@code reason} is in words, for the caller and the clinician. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Each request to the FHIR server may take this long. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** A search is read page by page through {@code link.next}, up to this many pages and this long in all. */
    public static final int MAX_PAGES = 50;
    public static final Duration SEARCH_BUDGET = Duration.ofSeconds(30);
    private static final int MAX_RESPONSE = 20_000_000;

    /**
     * Reads decimals as written ({@code 4.50} stays 4.50), as HAPI does when it reads FHIR text: the
     * resources are handed to HAPI as this tree.
     */
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * The prefetch keys {@code keys} of patient {@code patientId} read from the FHIR server at
     * {@code base} with the bearer token {@code token}, put into {@code into} (a CDS Hooks prefetch
     * object).
     */
    public void read(URI base, String patientId, Optional<String> token, Collection<String> keys, ObjectNode into) {
        URI root = base.toString().endsWith("/") ? base : URI.create(base + "/");
        for (String key : keys) {
            String template = CdsHooks.prefetchTemplates().get(key);
            if (template == null) {
                throw new IllegalArgumentException("no prefetch template " + key);
            }
            into.set(key, allPages(root, root.resolve(query(template, patientId)), token, key));
        }
    }

    /**
     * The template as a relative URL for the patient: the patient id and the characters a URL does not
     * take as they are ({@code |} between a token's system and code) percent-encoded.
     */
    static String query(String template, String patientId) {
        String id = java.net.URLEncoder.encode(patientId, StandardCharsets.UTF_8).replace("+", "%20");
        return template.replace("|", "%7C").replace(" ", "%20").replace("{{context.patientId}}", id);
    }

    /** The FHIR server's base URL of a request's {@code fhirServer}, or empty when it is no http(s) URL. */
    public static Optional<URI> base(String text) {
        try {
            URI base = URI.create(text.endsWith("/") ? text : text + "/");
            return "https".equals(base.getScheme()) || "http".equals(base.getScheme()) ? Optional.of(base) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A read, or a search with every page gathered into the first one. */
    private JsonNode allPages(URI base, URI first, Optional<String> token, String key) {
        long deadline = System.nanoTime() + SEARCH_BUDGET.toNanos();
        JsonNode page = fetch(first, token, key);
        if (!(page instanceof ObjectNode bundle) || !"Bundle".equals(bundle.path("resourceType").asText())) {
            return page;
        }
        ArrayNode entries = bundle.withArray("entry");
        Optional<String> next = nextLink(bundle);
        int pages = 1;
        while (next.isPresent()) {
            URI uri;
            try {
                uri = base.resolve(next.get());
            } catch (IllegalArgumentException e) {
                throw new Unreadable("the FHIR server's next page of " + key + " is not a URL");
            }
            if (!sameServer(base, uri)) {
                throw new Unreadable("the FHIR server's next page of " + key + " is on another server");
            }
            if (++pages > MAX_PAGES) {
                throw new Unreadable("the FHIR server's search for " + key + " has more than " + MAX_PAGES + " pages");
            }
            if (System.nanoTime() > deadline) {
                throw new Unreadable("reading " + key + " from the FHIR server took longer than " + SEARCH_BUDGET.toSeconds() + " s");
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
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/fhir+json").GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unreadable("the FHIR server could not be reached for " + key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreadable("interrupted while reading " + key + " from the FHIR server");
        }
        if (response.statusCode() == 404 && "patient".equals(key)) {
            throw new Unreadable("the FHIR server has no such patient");
        }
        if (response.statusCode() / 100 != 2 || response.body().length > MAX_RESPONSE) {
            throw new Unreadable("the FHIR server answered " + response.statusCode() + " for " + key);
        }
        try {
            return READER.readTree(new String(response.body(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new Unreadable("the FHIR server's answer for " + key + " is not JSON");
        }
    }
}

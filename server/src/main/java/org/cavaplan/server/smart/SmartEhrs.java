package org.cavaplan.server.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The EHRs that may launch CavaPlan as a SMART app, each with the client id it registered CavaPlan
 * under: {@code {"ehrs": [{"iss": FHIR BASE URL, "clientId": ID, "name": "Hospital EHR"}]}} (the name
 * optional). A launch from any other
 * {@code iss} is refused before CavaPlan contacts it. In demo mode ({@link #demo()}) every http(s)
 * issuer is accepted under the client id {@value #DEMO_CLIENT_ID}, as public SMART sandboxes accept
 * any client.
 */
public final class SmartEhrs {

    /** The client id CavaPlan uses with any EHR in demo mode. */
    public static final String DEMO_CLIENT_ID = "cavaplan-demo";

    /**
     * One EHR: its FHIR base URL (the launch's {@code iss}), CavaPlan's client id there, and the name
     * the clinicians know it by (the pages show it; by default the FHIR server's host).
     */
    public record Registration(String issuer, String clientId, String name) {
        public Registration {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(clientId, "clientId");
            issuer = withoutSlash(issuer);
            name = name == null || name.isBlank() ? hostOf(issuer) : name.strip();
        }

        public Registration(String issuer, String clientId) {
            this(issuer, clientId, null);
        }
    }

    /** Why a registration file cannot be used, naming the field. */
    public static final class BadRegistration extends Exception {
        BadRegistration(String message) {
            super(message);
        }
    }

    private final List<Registration> registrations;
    private final boolean anyIssuer;

    private SmartEhrs(List<Registration> registrations, boolean anyIssuer) {
        this.registrations = List.copyOf(registrations);
        this.anyIssuer = anyIssuer;
    }

    /** Exactly these EHRs. */
    public static SmartEhrs of(List<Registration> registrations) {
        return new SmartEhrs(registrations, false);
    }

    /** No EHR may launch CavaPlan. */
    public static SmartEhrs none() {
        return new SmartEhrs(List.of(), false);
    }

    /** Demo mode: any http(s) issuer, client id {@value #DEMO_CLIENT_ID}. */
    public static SmartEhrs demo() {
        return new SmartEhrs(List.of(), true);
    }

    /** True when any issuer is accepted (demo). */
    public boolean open() {
        return anyIssuer;
    }

    /** True when some EHR may launch CavaPlan (one is registered, or any in demo mode). */
    public boolean any() {
        return anyIssuer || !registrations.isEmpty();
    }

    /** How many EHRs are registered. */
    public int size() {
        return registrations.size();
    }

    /** The registration of the launch's {@code iss} (compared without a trailing slash), if it may launch CavaPlan. */
    public Optional<Registration> forIssuer(String iss) {
        String wanted = withoutSlash(iss);
        Optional<Registration> listed = registrations.stream().filter(r -> r.issuer().equals(wanted)).findFirst();
        if (listed.isPresent() || !anyIssuer) {
            return listed;
        }
        return webUri(wanted).map(uri -> new Registration(wanted, DEMO_CLIENT_ID));
    }

    /** Reads a registration file; errors name the field by pointer. */
    public static SmartEhrs load(Path file) throws BadRegistration {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new BadRegistration(file + ": cannot be read as JSON (" + e.getMessage() + ")");
        }
        JsonNode ehrs = root == null ? null : root.get("ehrs");
        if (ehrs == null || !ehrs.isArray()) {
            throw new BadRegistration(file + ": /ehrs is required: an array of {\"iss\": …, \"clientId\": …}");
        }
        List<Registration> out = new ArrayList<>();
        for (int i = 0; i < ehrs.size(); i++) {
            String iss = ehrs.get(i).path("iss").asText("");
            String clientId = ehrs.get(i).path("clientId").asText("");
            Optional<URI> uri = webUri(iss);
            if (uri.isEmpty()) {
                throw new BadRegistration(file + ": /ehrs/" + i + "/iss must be the EHR's FHIR base URL (http or https)");
            }
            if (clientId.isBlank() || clientId.length() > 200) {
                throw new BadRegistration(file + ": /ehrs/" + i + "/clientId is required: CavaPlan's client id at that EHR");
            }
            String name = ehrs.get(i).path("name").asText("");
            if (name.length() > 200) {
                throw new BadRegistration(file + ": /ehrs/" + i + "/name must have at most 200 characters");
            }
            out.add(new Registration(iss, clientId, name));
        }
        return of(out);
    }

    private static Optional<URI> webUri(String text) {
        try {
            URI uri = URI.create(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

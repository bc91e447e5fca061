package org.cavaplan.server.smart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One clinical-data scope as SMART App Launch 2.0.0 writes it ("Scopes and Launch Context", clinical
 * scope syntax): {@code patient|user|system / Type|* . interactions [?param=value&...]}, the
 * interactions a non-empty in-order subset of {@code cruds} (v2) or the v1 words {@code read},
 * {@code write}, {@code *}, read as {@code rs}, {@code cud} and {@code cruds}.
 *
 * @param text the scope as the client wrote it
 * @param level {@code patient}, {@code user} or {@code system}
 * @param resourceType a FHIR resource type, or {@code *}
 * @param interactions the v2 letters it grants, e.g. {@code rs}
 * @param v1 whether it was written in the SMART 1.0 form
 * @param constraints the search parameters that narrow it (v2 granular scopes), all of which must hold
 */
record ClinicalScope(String text, String level, String resourceType, String interactions, boolean v1,
        List<Constraint> constraints) {

    /** A {@code param=value} narrowing of a granular scope. */
    record Constraint(String param, String value) {
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "(patient|user|system)/([A-Z][A-Za-z]*|\\*)\\.(read|write|\\*|c?r?u?d?s?)(?:\\?(.+))?");

    /** Scopes about identity and launch context that this EHR grants whenever they are asked. */
    static final Set<String> CONTEXT_AND_IDENTITY = Set.of("launch", "launch/patient", "openid", "fhirUser");

    /** The only search parameter this EHR honours inside a granular scope. */
    static final String CATEGORY = "category";

    ClinicalScope {
        constraints = List.copyOf(constraints);
    }

    /** The scope, or empty when the text does not follow the clinical scope syntax. */
    static Optional<ClinicalScope> parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        List<Constraint> constraints = new ArrayList<>();
        if (m.group(4) != null) {
            for (String pair : m.group(4).split("&", -1)) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    return Optional.empty();
                }
                constraints.add(new Constraint(pair.substring(0, eq), pair.substring(eq + 1)));
            }
        }
        String interactions = switch (m.group(3)) {
            case "read" -> "rs";
            case "write" -> "cud";
            case "*" -> "cruds";
            default -> m.group(3);
        };
        boolean v1 = List.of("read", "write", "*").contains(m.group(3));
        return Optional.of(new ClinicalScope(text, m.group(1), m.group(2), interactions, v1, constraints));
    }

    /** Whether the text claims to be a clinical scope (starts with a level), well formed or not. */
    static boolean looksClinical(String text) {
        return text.startsWith("patient/") || text.startsWith("user/") || text.startsWith("system/");
    }

    /**
     * What this read-only, patient-level EHR grants of the scope: its read and search part, in the
     * form it was asked (v1 stays v1), or empty when nothing of it can be granted (a user or system
     * scope, a write-only scope, a granular scope on anything but {@code category}).
     */
    Optional<String> readablePart() {
        if (!level.equals("patient") || !constraints.stream().allMatch(c -> c.param().equals(CATEGORY))) {
            return Optional.empty();
        }
        String query = text.contains("?") ? text.substring(text.indexOf('?')) : "";
        String kept = interactions.replaceAll("[cud]", "");
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(level + "/" + resourceType + "." + (v1 ? "read" : kept) + query);
    }

    /** Whether the scope allows the interaction ({@code r} read, {@code s} search) on the type. */
    boolean allows(String type, char interaction) {
        return (resourceType.equals("*") || resourceType.equals(type)) && interactions.indexOf(interaction) >= 0;
    }

    /** Whether a resource falls inside the scope's narrowing (always, for an unnarrowed scope). */
    boolean admits(JsonNode resource) {
        return constraints.stream().allMatch(c -> org.cavaplan.server.FhirSearch.tokenMatches(resource.path(c.param()), c.value()));
    }
}

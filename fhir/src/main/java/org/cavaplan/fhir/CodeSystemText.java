package org.cavaplan.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cavaplan.io.Json;

/** The CavaPlan CodeSystem as shipped ({@code cavaplan-codesystem.json}): its text and its displays. */
final class CodeSystemText {

    static final String RESOURCE = "cavaplan-codesystem.json";
    private static final String TEXT = load();
    private static final Map<String, String> DISPLAYS = displays(TEXT);

    private CodeSystemText() {}

    /** The CodeSystem resource as JSON text. */
    static String text() {
        return TEXT;
    }

    /** Every code of the CodeSystem with its display, in the file's order. */
    static Map<String, String> displays() {
        return DISPLAYS;
    }

    /** The display of a CavaPlan code; a code missing from the CodeSystem is a defect of this module. */
    static String display(String code) {
        String display = DISPLAYS.get(code);
        if (display == null) {
            throw new IllegalStateException("code " + code + " is missing from " + RESOURCE);
        }
        return display;
    }

    private static String load() {
        try (InputStream in = CodeSystemText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> displays(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        try {
            for (JsonNode concept : Json.mapper().readTree(text).get("concept")) {
                map.put(concept.get("code").asText(), concept.get("display").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(map);
    }
}

package org.cavaplan.core.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cavaplan.core.plan.Phase;
import org.junit.jupiter.api.Test;

/**
 * Every field and every coded value of the case schema (contract v2, copied into the test
 * resources) and every enum constant of the model and the plan has its words, and the table names
 * nothing the schema does not have.
 */
class VocabularyCoverageTest {

    /** Every property path of the schema, objects and arrays included, array items as {@code *}. */
    private static final Set<String> SCHEMA_FIELDS = new LinkedHashSet<>();

    /** The constants of every {@code enum} of the schema, by the path that holds it. */
    private static final Map<String, List<String>> SCHEMA_ENUMS = new LinkedHashMap<>();

    static {
        JsonNode schema = readSchema();
        walk(schema, schema, "");
    }

    @Test
    void the_schema_walk_finds_the_fields_of_contract_v2() {
        assertThat(SCHEMA_FIELDS).contains("/patient/asaClass", "/patient/lvefPct", "/patient/egfrMlMin",
                "/imaging/*/regionalNodes", "/pathology/regionalNodes", "/imaging/*/tumorDiametersCm/*",
                "/operation/findings/ivcLumen", "/followUp/*/conduit");
        assertThat(SCHEMA_ENUMS).containsEntry("/pathology/regionalNodes", List.of("N0", "N1"))
                .containsKey("/imaging/*/distantMetastases/*");
    }

    @Test
    void every_field_of_the_case_schema_has_words() {
        for (String path : SCHEMA_FIELDS) {
            assertThat(Vocabulary.field(path)).as(path).isNotBlank();
            String pointer = path.replace("*", "0");
            assertThat(Vocabulary.field(pointer)).as(pointer).isEqualTo(Vocabulary.field(path));
            assertThatCode(() -> Vocabulary.heading(path)).as(path).doesNotThrowAnyException();
        }
    }

    @Test
    void every_field_in_the_table_is_a_field_of_the_schema() {
        assertThat(FieldTable.patterns()).containsExactlyInAnyOrderElementsOf(SCHEMA_FIELDS);
    }

    @Test
    void every_constant_of_every_schema_enum_has_words() {
        SCHEMA_ENUMS.forEach((path, constants) -> {
            for (String constant : constants) {
                assertThat(Vocabulary.value(path, constant)).as(path + " " + constant).isNotBlank();
            }
        });
    }

    @Test
    void a_case_vocabulary_holds_exactly_the_constants_of_the_schema_enums_that_use_it() {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        SCHEMA_ENUMS.forEach((path, constants) ->
                used.computeIfAbsent(FieldTable.row(path).codes(), v -> new LinkedHashSet<>()).addAll(constants));
        assertThat(used).doesNotContainKey("");
        used.forEach((vocabulary, constants) ->
                assertThat(EnumTable.constants(vocabulary)).as(vocabulary).containsExactlyInAnyOrderElementsOf(constants));
    }

    @Test
    void every_constant_of_every_enum_of_the_model_and_the_plan_has_words() {
        List<Class<?>> enums = enumsOf("org.cavaplan.core.model", "org.cavaplan.core.plan");
        assertThat(enums).hasSizeGreaterThan(20);
        for (Class<?> type : enums) {
            for (Object constant : type.getEnumConstants()) {
                assertThat(Vocabulary.enumWords((Enum<?>) constant)).as(type.getSimpleName() + "." + constant)
                        .isNotBlank();
            }
        }
    }

    @Test
    void a_model_enum_and_its_vocabulary_have_the_same_constants_in_the_same_order() {
        for (Class<?> type : enumsOf("org.cavaplan.core.model")) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            assertThat(EnumTable.constants(type.getSimpleName())).as(type.getSimpleName()).isEqualTo(names);
        }
    }

    @Test
    void a_plan_enum_keeps_its_order_in_its_vocabulary_which_may_hold_constants_being_added() {
        for (Class<?> type : enumsOf("org.cavaplan.core.plan")) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            List<String> table = new ArrayList<>(EnumTable.constants(type.getSimpleName()));
            table.retainAll(names);
            assertThat(table).as(type.getSimpleName()).isEqualTo(names);
        }
    }

    @Test
    void the_values_being_added_to_the_plan_have_words() {
        assertThat(Stream.of("UNTREATED", "NO_EVIDENCE_OF_DISEASE", "PERSISTENT", "RECURRENT", "UNKNOWN")
                .map(c -> Vocabulary.enumWords("DiseaseStatus", c)))
                .containsExactly("untreated", "no evidence of disease", "persistent disease", "recurrent disease",
                        "unknown");
        assertThat(Vocabulary.enumWords("Phase", "SUPPORTIVE")).isEqualTo("supportive care");
        assertThat(Vocabulary.enumWords("Phase", "SYSTEMIC")).isEqualTo("systemic therapy");
        assertThat(Vocabulary.enumWords("Effect", "FAVOURABLE")).isEqualTo("favorable outcome");
        assertThat(EnumTable.constants("RedFlag")).containsExactly("DECEASED", "CONTRAINDICATION", "METASTATIC",
                "PROGRESSION", "RECURRENCE", "PERSISTENT_DISEASE", "VENOUS_THROMBOEMBOLISM", "POOR_PERFORMANCE",
                "INTRACARDIAC", "CONDUIT_THROMBOSIS", "AORTIC_INVASION", "NOT_LEIOMYOSARCOMA");
        assertThat(Vocabulary.enumWords("RedFlag", "VENOUS_THROMBOEMBOLISM")).isEqualTo("venous thromboembolism");
    }

    @Test
    void no_words_leak_a_code() {
        for (String vocabulary : EnumTable.vocabularies()) {
            for (String constant : EnumTable.constants(vocabulary)) {
                String words = Vocabulary.enumWords(vocabulary, constant);
                assertThat(words).as(vocabulary + "." + constant).doesNotContain("_").isNotBlank();
                if (constant.contains("_")) {
                    assertThat(words).as(vocabulary + "." + constant).isNotEqualTo(constant);
                }
            }
        }
        for (String pattern : FieldTable.patterns()) {
            String words = Vocabulary.field(pattern);
            String name = pattern.substring(pattern.lastIndexOf('/') + 1);
            assertThat(words).as(pattern).doesNotContain("_").doesNotMatch(".*[a-z][A-Z].*")
                    .isNotEqualTo(name);
            assertThat(Character.isUpperCase(words.charAt(0))).as(pattern + " starts as a label").isTrue();
        }
    }

    @Test
    void a_phase_title_is_its_words_as_a_heading() {
        for (Phase phase : Phase.values()) {
            String words = Vocabulary.enumWords(phase);
            assertThat(Character.toUpperCase(words.charAt(0)) + words.substring(1)).isEqualTo(phase.title());
        }
    }

    // ---- the schema

    private static JsonNode readSchema() {
        try (InputStream in = VocabularyCoverageTest.class.getResourceAsStream("/case.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("case.schema.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(JsonNode schema, JsonNode node, String path) {
        JsonNode resolved = resolve(schema, node);
        if (!path.isEmpty()) {
            SCHEMA_FIELDS.add(path);
        }
        if (resolved.has("enum")) {
            List<String> constants = new ArrayList<>();
            resolved.get("enum").forEach(c -> constants.add(c.asText()));
            SCHEMA_ENUMS.put(path, constants);
        }
        if (resolved.has("properties")) {
            resolved.get("properties").properties().forEach(p -> walk(schema, p.getValue(), path + "/" + p.getKey()));
        }
        if (resolved.has("items")) {
            walk(schema, resolved.get("items"), path + "/*");
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        String ref = node.get("$ref").asText();
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local references are expected: " + ref);
        }
        return resolve(schema, schema.at(ref.substring(1)));
    }

    // ---- the enums of the model and the plan

    private static List<Class<?>> enumsOf(String... packages) {
        List<Class<?>> enums = new ArrayList<>();
        for (String pkg : packages) {
            URL url = Vocabulary.class.getClassLoader().getResource(pkg.replace('.', '/'));
            assertThat(url).as(pkg).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".class")) {
                        Class<?> type = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                        if (type.isEnum()) {
                            enums.add(type);
                        }
                    }
                }
            } catch (IOException | URISyntaxException | ClassNotFoundException e) {
                throw new IllegalStateException(pkg, e);
            }
        }
        return enums;
    }
}

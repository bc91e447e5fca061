package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cavaplan.io.Json;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;

/** Whatever is done to a Bundle, reading it answers with a case or with errors, never with an exception. */
class MutatedBundleTest {

    private static final int MUTATIONS = 400;

    @Test
    void fourHundredRandomlyDamagedSeedBundlesAreEachReadOrRejectedWithPointers() throws Exception {
        BundleReader reader = BundleReader.create();
        String seed = CaseBundle.json(Fixtures.seedCase());
        SplittableRandom random = new SplittableRandom(42);
        int rejected = 0;
        for (int n = 0; n < MUTATIONS; n++) {
            JsonNode tree = Json.mapper().readTree(seed);
            List<JsonNode> containers = new ArrayList<>();
            collect(tree, containers);
            JsonNode target = containers.get(random.nextInt(containers.size()));
            mutate(target, random);
            String text = tree.toString();

            ReadResult result = reader.read(text);

            if (result instanceof ReadResult.Invalid invalid) {
                rejected++;
                invalid.errors().forEach(e -> {
                    assertThat(e.pointer()).as(text).matches("(/.*)?");
                    assertThat(e.message()).as(text).isNotBlank().doesNotContain("Exception").doesNotContain("HAPI-");
                });
            }
        }
        assertThat(rejected).isGreaterThan(MUTATIONS / 4);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode() && node.size() > 0) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }

    private static void mutate(JsonNode container, SplittableRandom random) {
        JsonNode replacement = switch (random.nextInt(6)) {
            case 0 -> Json.mapper().getNodeFactory().textNode("x");
            case 1 -> Json.mapper().getNodeFactory().numberNode(-1);
            case 2 -> Json.mapper().getNodeFactory().booleanNode(true);
            case 3 -> Json.mapper().getNodeFactory().objectNode();
            case 4 -> Json.mapper().getNodeFactory().arrayNode();
            default -> null;
        };
        if (container instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (replacement == null) {
                o.remove(name);
            } else {
                o.set(name, replacement);
            }
        } else if (container instanceof ArrayNode a) {
            int i = random.nextInt(a.size());
            if (replacement == null) {
                a.remove(i);
            } else {
                a.set(i, replacement);
            }
        }
    }
}

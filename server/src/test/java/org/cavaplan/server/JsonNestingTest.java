package org.cavaplan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Random;
import org.cavaplan.io.Json;
import org.junit.jupiter.api.Test;

/**
 * The nesting limit skips the parse when counting brackets outside strings already shows the body is
 * shallow enough: that count must never be below the depth a parser reaches before it stops.
 */
class JsonNestingTest {

    private static final JsonFactory UNLIMITED = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build()).build();

    /** The deepest level a parser reaches, reading until the end or its first error. */
    private static int parserDepth(String body) {
        int deepest = 0;
        try (JsonParser p = UNLIMITED.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t.isStructStart()) {
                    deepest = Math.max(deepest, p.getParsingContext().getNestingDepth());
                }
            }
        } catch (IOException e) {
            // the parser stops here; the depth so far is what it counted
        }
        return deepest;
    }

    @Test
    void the_count_is_never_below_what_a_parser_reaches_on_random_text_made_of_json_punctuation() {
        Random random = new Random(20261127);
        String alphabet = "[]{}\"\\:,a1 ";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String body = b.toString();
            assertThat(JsonNesting.deepest(body)).as(body).isGreaterThanOrEqualTo(parserDepth(body));
        }
    }

    @Test
    void on_valid_json_the_count_is_the_parsers_depth() {
        Random random = new Random(7);
        for (int n = 0; n < 2_000; n++) {
            String body = nested(random, 1 + random.nextInt(90));
            assertThat(JsonNesting.deepest(body)).as(body).isEqualTo(parserDepth(body));
        }
    }

    @Test
    void brackets_inside_strings_and_escaped_quotes_do_not_count() {
        String deepText = "{\"a\":\"" + "[".repeat(500) + "\\\"{{{{\"}";
        assertThat(JsonNesting.deepest(deepText)).isEqualTo(1);
        assertThat(JsonNesting.check(deepText)).isSameAs(deepText);
    }

    @Test
    void a_body_one_level_too_deep_is_refused_and_one_at_the_limit_is_not() {
        String body = "{\"a\":" + "[".repeat(Json.MAX_NESTING) + "]".repeat(Json.MAX_NESTING) + "}";
        assertThatThrownBy(() -> JsonNesting.check(body)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.errors().get(0).message()).contains(Integer.toString(Json.MAX_NESTING)));
        String deepest = "{\"a\":" + "[".repeat(Json.MAX_NESTING - 1) + "]".repeat(Json.MAX_NESTING - 1) + "}";
        assertThat(JsonNesting.check(deepest)).isSameAs(deepest);
    }

    private static String nested(Random random, int depth) {
        StringBuilder b = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            if (random.nextBoolean()) {
                b.append("{\"k").append(d).append("\\\"]\":");
                close.insert(0, "}");
            } else {
                b.append("[\"x{\",");
                close.insert(0, "]");
            }
        }
        b.append("\"[[\\\\\"");
        return b.append(close).toString();
    }
}

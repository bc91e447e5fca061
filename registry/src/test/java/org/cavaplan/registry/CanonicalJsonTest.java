package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keys_are_sorted_and_white_space_dropped_at_every_depth() {
        assertThat(CanonicalJson.of("{ \"b\": 1, \"a\": { \"d\": [3, {\"z\": 1, \"y\": 2}], \"c\": true } }"))
                .isEqualTo("{\"a\":{\"c\":true,\"d\":[3,{\"y\":2,\"z\":1}]},\"b\":1}");
    }

    @Test
    void numbers_are_written_by_value() {
        assertThat(CanonicalJson.of("[18, 18.0, 1.80e1, 0.50, 5e-1, 0.0, -0.0, 100000000000000000000, 12345.678900]"))
                .isEqualTo("[18,18,18,0.5,0.5,0,0,100000000000000000000,12345.6789]");
    }

    @Test
    void integers_are_exact_across_the_int_long_and_big_integer_ranges() {
        assertThat(CanonicalJson.of("[2147483647, 2147483648, -2147483649, 9223372036854775807, 9223372036854775808, "
                + "-9223372036854775809, 123456789012345678901234567890, -0]"))
                .isEqualTo("[2147483647,2147483648,-2147483649,9223372036854775807,9223372036854775808,"
                        + "-9223372036854775809,123456789012345678901234567890,0]");
    }

    @Test
    void strings_keep_their_text_and_escapes_are_normalised() {
        assertThat(CanonicalJson.of("{\"s\": \"Gr\\u00e9gory \\\"M\\\" \\/ \\n\"}"))
                .isEqualTo("{\"s\":\"Grégory \\\"M\\\" / \\n\"}");
    }

    @Test
    void the_hash_is_the_sha256_of_the_utf8_text() {
        assertThat(CanonicalJson.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

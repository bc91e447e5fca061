package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class WrapTest {

    /** A monospaced measure: every character is one unit wide. */
    private static final ToDoubleFunction<String> MONO = s -> s.codePointCount(0, s.length());

    @Test
    void lines_break_at_spaces_and_keep_every_word_in_order() {
        List<String> lines = Wrap.lines("the quick brown fox jumps over the lazy dog", 12, MONO);
        assertThat(lines).containsExactly("the quick", "brown fox", "jumps over", "the lazy dog");
    }

    @Test
    void no_line_is_wider_than_the_width() {
        String text = "Resection of more than 75% of the circumference needs a segmental replacement, for example a ringed graft.";
        for (int width = 8; width < 60; width++) {
            for (String line : Wrap.lines(text, width, MONO)) {
                assertThat(MONO.applyAsDouble(line)).isLessThanOrEqualTo(width);
            }
            if (width >= "circumference,".length()) {
                assertThat(String.join(" ", Wrap.lines(text, width, MONO))).isEqualTo(text);
            }
        }
    }

    @Test
    void a_word_wider_than_the_line_breaks_after_a_separator_when_it_can() {
        assertThat(Wrap.lines("see /followUp/1/distantMetastases now", 16, MONO))
                .containsExactly("see", "/followUp/1/", "distantMetastase", "s now");
    }

    @Test
    void a_word_without_separators_breaks_between_characters() {
        assertThat(Wrap.lines("abcdefghijkl", 5, MONO)).containsExactly("abcde", "fghij", "kl");
    }

    @Test
    void newlines_start_new_lines_and_empty_text_is_one_empty_line() {
        assertThat(Wrap.lines("one\ntwo three", 20, MONO)).containsExactly("one", "two three");
        assertThat(Wrap.lines("", 20, MONO)).containsExactly("");
    }

    @Test
    void a_surrogate_pair_is_never_split() {
        String emoji = "\ud83d\ude00";
        assertThat(Wrap.lines(emoji.repeat(3), 1, MONO)).containsExactly(emoji, emoji, emoji);
    }
}

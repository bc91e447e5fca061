package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class PageOutputTest {

    private static final String HOSTILE = "<b>\"Bob's\"</b> & co";

    @Test
    void text_between_tags_has_its_quotes_written_as_references_as_the_pages_always_wrote_them() {
        String html = Pages.render("error.jte", new ErrorPage(new Frame("Bad Request", null, null), HOSTILE));

        assertThat(html).contains("<p class=\"error-message\">&lt;b&gt;&quot;Bob&#39;s&quot;&lt;/b&gt; &amp; co</p>");
        assertThat(Jsoup.parse(html).selectFirst(".error-message").text()).isEqualTo(HOSTILE);
        assertThat(Jsoup.parse(html).select("b")).isEmpty();
    }

    @Test
    void a_value_in_an_attribute_is_escaped_by_jte_and_reads_back_as_written() {
        String html = Pages.render("login.jte", new AccountViews.LoginPage(new Frame("Sign in", null, null), "/", HOSTILE, null,
                null));

        Document doc = Jsoup.parse(html);
        assertThat(doc.getElementById("username").attr("value")).isEqualTo(HOSTILE);
        assertThat(html).contains("value=\"&lt;b>&#34;Bob&#39;s&#34;&lt;/b>").doesNotContain("value=\"<b>");
        assertThat(doc.select("b")).isEmpty();
    }

    @Test
    void nothing_else_is_changed() {
        assertThat(PageOutput.escaped("plain text, 5 × 3 cm → 6 cm")).isEqualTo("plain text, 5 × 3 cm → 6 cm");
        assertThat(PageOutput.escaped("a&b")).isEqualTo("a&amp;b");
    }
}

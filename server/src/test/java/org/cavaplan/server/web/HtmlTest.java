package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupCharactersInCaseContentAreEscaped() {
        assertThat(Html.text("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    }

    @Test
    void plainTextIsReturnedUnchangedAndNullBecomesEmpty() {
        assertThat(Html.text("IVC level II")).isEqualTo("IVC level II");
        assertThat(Html.text(null)).isEmpty();
    }
}

package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.PlanText;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.junit.jupiter.api.Test;

/**
 * The text plan speaks in clinical words (issue 19, item 3): over the golden vignettes and a
 * synthetic cohort, no line a person reads holds an enum constant, a rule id or a JSON pointer.
 */
class PlanTextWordsTest {

    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());
    private static final CaseReader READER = CaseReader.create();

    /** A constant such as INTERPOSITION_GRAFT or NOT_RECOMMENDED. */
    private static final Pattern ENUM_CONSTANT = Pattern.compile("\\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\\b");
    /** A rule id such as ivc.interposition-graft. */
    private static final Pattern RULE_ID = Pattern.compile(
            "\\b(?:workup|vte|intent|neoadjuvant|trial|preop|op|ivc|postop|adjuvant|systemic|surveillance|recurrence|prognosis)"
                    + "\\.[a-z][a-z0-9-]+\\b");
    /** A JSON pointer into a case such as /imaging/0/ivcLumen. */
    private static final Pattern POINTER = Pattern.compile(
            "/(?:imaging|operation|pathology|patient|followUp|histology|presentation|neoadjuvant|postoperative|outcome)(?:/|\\b)");

    @Test
    void no_text_plan_shows_an_enum_constant_a_rule_id_or_a_json_pointer() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> folders = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                cases.add(read(Files.readString(folder.resolve("case.json"))));
            }
        }
        for (ObjectNode json : SyntheticCases.generate(17, 1, 400)) {
            cases.add(read(json.toString()));
        }
        TreeSet<String> leaks = new TreeSet<>();
        for (Case kase : cases) {
            for (Plan plan : List.of(ENGINE.plan(kase, kase.latestDate()), ENGINE.plan(kase, kase.latestDate().plusDays(30)))) {
                for (boolean detailed : new boolean[] {false, true}) {
                    String text = PlanText.render(plan, detailed);
                    for (Pattern p : List.of(ENUM_CONSTANT, RULE_ID, POINTER)) {
                        Matcher m = p.matcher(text);
                        while (m.find()) {
                            leaks.add(m.group() + "  in: " + line(text, m.start()));
                        }
                    }
                }
            }
        }
        assertThat(leaks).as("codes where a person reads").isEmpty();
    }

    @Test
    void the_checks_find_the_codes_they_look_for() {
        assertThat(ENUM_CONSTANT.matcher("[RECOMMENDED] INTERPOSITION_GRAFT agrees").find()).isTrue();
        assertThat(ENUM_CONSTANT.matcher("CT with MRI; R0 margin; ECOG 2; PTFE").find()).isFalse();
        assertThat(RULE_ID.matcher("see {ivc.ligation}").find()).isTrue();
        assertThat(RULE_ID.matcher("e.g. the operation.").find()).isFalse();
        assertThat(POINTER.matcher("Because: /imaging/0/ivcLumen = OCCLUDED").find()).isTrue();
        assertThat(POINTER.matcher("creatinine and eGFR (mL/min/1.73 m²)").find()).isFalse();
    }

    private static String line(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        String line = text.substring(start, end < 0 ? text.length() : end).strip();
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static Case read(String json) {
        ReadResult result = READER.read(json);
        assertThat(result).isInstanceOf(ReadResult.Valid.class);
        return ((ReadResult.Valid) result).value();
    }
}

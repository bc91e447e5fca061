package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.junit.jupiter.api.Test;

class CaseIntakeTest {

    private static final Path ROOT = Path.of("..");
    private final CaseIntake intake = new CaseIntake();
    private final CaseReader reader = CaseReader.create();

    /** The malformed inputs of the command line's tests, the golden vignettes, the examples and synthetic cases. */
    private static List<String> inputs() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("cli/src/test/resources/malformed"), ROOT.resolve("examples"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    texts.add(Files.readString(f));
                }
            }
        }
        try (Stream<Path> files = Files.walk(ROOT.resolve("knowledge/src/test/resources/golden"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("case.json")).sorted().toList()) {
                texts.add(Files.readString(f));
            }
        }
        for (int i = 1; i <= 300; i++) {
            texts.add(SyntheticCases.generate(17, i).toString());
        }
        return texts;
    }

    @Test
    void intake_accepts_and_rejects_exactly_what_the_case_reader_does_with_the_same_messages() throws IOException {
        List<String> texts = inputs();
        assertThat(texts).hasSizeGreaterThan(360);
        int rejected = 0;
        for (String text : texts) {
            ReadResult expected = reader.read(text);
            CaseIntake.Prepared prepared = intake.prepare(text, false);
            if (expected instanceof ReadResult.Invalid invalid) {
                rejected++;
                assertThat(prepared).as(text).isInstanceOf(CaseIntake.Invalid.class);
                assertThat(((CaseIntake.Invalid) prepared).errors()).as(text).isEqualTo(invalid.errors());
            } else {
                assertThat(prepared).as(text).isInstanceOf(CaseIntake.Ready.class);
                CaseIntake.Ready ready = (CaseIntake.Ready) prepared;
                assertThat(ready.caseId()).isEqualTo(((ReadResult.Valid) expected).value().caseId());
                assertThat(reader.read(ready.json())).as("the canonical JSON reads as the same case")
                        .isEqualTo(expected);
            }
        }
        assertThat(rejected).isGreaterThan(25);
    }

    @Test
    void the_extracted_columns_agree_with_the_plan_the_engine_makes() throws IOException {
        Engine engine = Engine.create(CavaPlanKnowledge.create());
        for (String text : inputs()) {
            if (intake.prepare(text, false) instanceof CaseIntake.Ready ready) {
                Case kase = ((ReadResult.Valid) reader.read(text)).value();
                Plan plan = engine.plan(kase, kase.latestDate());
                Extracted e = ready.extracted();
                assertThat(e.stage()).isEqualTo(plan.stage());
                assertThat(e.intent()).isEqualTo(plan.intent());
                assertThat(e.ivcLevels()).isEqualTo(plan.classification().ivcLevels());
                assertThat(e.grade()).isEqualTo(plan.classification().fnclccGrade());
                assertThat(e.ajccStage()).isEqualTo(plan.classification().ajccStage());
                assertThat(e.intracardiac()).isEqualTo(plan.classification().intracardiacExtension());
            }
        }
    }

    @Test
    void a_case_id_labelled_synthetic_is_marked_synthetic() {
        assertThat(((CaseIntake.Ready) intake.prepare(SyntheticCases.generate(1, 1).toString(), false)).synthetic()).isTrue();
    }
}

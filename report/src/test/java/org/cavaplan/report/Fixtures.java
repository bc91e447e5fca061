package org.cavaplan.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.CavaPlanKnowledge;

/** Cases of the repository read and planned as the command line does. */
final class Fixtures {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SEED = ROOT.resolve("examples/seed-case.json");
    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());

    private Fixtures() {}

    static Case read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case read(String json) {
        ReadResult result = CaseReader.create().read(json);
        if (result instanceof ReadResult.Invalid invalid) {
            throw new AssertionError("invalid fixture: " + invalid.errors());
        }
        return ((ReadResult.Valid) result).value();
    }

    static Case seed() {
        return read(SEED);
    }

    static Plan plan(Case kase) {
        return ENGINE.plan(kase, kase.latestDate());
    }

    static Plan plan(Case kase, LocalDate asOf) {
        return ENGINE.plan(kase, asOf);
    }

    /** The plan with other red flags, key decisions and recommendations, all else as it is. */
    /** The plan with these overdue surveillance studies in its schedule section, all else as it is. */
    static Plan withOverdue(Plan plan, List<java.time.LocalDate> overdue) {
        org.cavaplan.core.plan.SurveillanceSchedule s = plan.sections().surveillance().orElseThrow();
        org.cavaplan.core.plan.PlanSections sections = new org.cavaplan.core.plan.PlanSections(plan.sections().baseline(),
                plan.sections().ivc(), plan.sections().recist(), java.util.Optional.of(new org.cavaplan.core.plan.SurveillanceSchedule(
                        s.modality(), s.higherRisk(), s.riskReasons(), s.operationDate(), s.due(), s.nextDue(), overdue)),
                plan.sections().firstRecurrence());
        return new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(), plan.classification(),
                plan.keyDecisions(), plan.redFlags(), plan.response(), plan.recommendations(), plan.concordance(),
                plan.prognosticFactors(), plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(),
                plan.changedAssumptions(), plan.labels(), sections);
    }

    static Plan with(Plan plan, List<RedFlag> redFlags, List<KeyDecision> keyDecisions, List<Recommendation> recommendations) {
        return new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(), plan.classification(),
                keyDecisions, redFlags, plan.response(), recommendations, plan.concordance(), plan.prognosticFactors(),
                plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(), plan.changedAssumptions(), plan.labels(), plan.sections());
    }

    /** The recommendation with other parameters, all else as it is. */
    static Recommendation withParameters(Recommendation r, Map<String, Object> parameters) {
        return new Recommendation(r.id(), r.phase(), r.status(), r.summary(), r.detail(), r.when(), r.evidence(), r.sources(),
                r.because(), parameters, r.evidenceUpdates());
    }

    /** The examples of the repository and the case of every golden vignette. */
    static List<Path> allCaseFiles() {
        try (Stream<Path> examples = Files.list(ROOT.resolve("examples"));
                Stream<Path> golden = Files.list(ROOT.resolve("knowledge/src/test/resources/golden"))) {
            return Stream.concat(
                    examples.filter(p -> p.toString().endsWith(".json")),
                    golden.map(d -> d.resolve("case.json")).filter(Files::exists)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.cavaplan.report;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PlanningBaseline;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.core.vocabulary.PlanWords;

/** Lays out one report on a canvas: page 1, the plan by phase, the tables and the closing section. */
final class ReportWriter {

    /** The full disclaimer of the closing section; its first sentence is the plan's own. */
    static final String DISCLAIMER = PlanWords.DISCLAIMER + " It does not make decisions and must not be used by patients"
            + " or outside a multidisciplinary sarcoma team. Its knowledge comes from one review article and a few later"
            + " trials; numbers marked as assumptions are this project's choices. Check every recommendation against the"
            + " patient and your center's protocols.";

    private static final float GUTTER = 14;
    private static final float RIGHT_COLUMN = IvcSchematic.WIDTH;
    private static final float LEFT_COLUMN = Canvas.CONTENT_WIDTH - RIGHT_COLUMN - GUTTER;
    private static final float RIGHT_X = Canvas.RIGHT - RIGHT_COLUMN;
    private static final float BADGE_COLUMN = 74;
    private static final float CHART_HEIGHT = 150;

    private final Case kase;
    private final Plan plan;
    private final Canvas canvas;
    private final Flow flow;
    private final Typeset type;

    private final Style body;
    private final Style bold;
    private final Style small;
    private final Style label;
    private final Style badge;
    private final Style h1;
    private final Style h2;
    private final Style tiny;
    private final Style tinyBold;

    ReportWriter(Case kase, Plan plan, PDDocument document, Fonts fonts) {
        this.kase = kase;
        this.plan = plan;
        this.canvas = new Canvas(document, fonts, this::runningHeader);
        this.flow = new Flow(canvas);
        this.type = new Typeset(canvas);
        Fonts f = canvas.fonts;
        body = new Style(f.regular, 8.2f, Palette.INK);
        bold = new Style(f.bold, 8.2f, Palette.INK);
        small = new Style(f.regular, 7f, Palette.MUTED);
        label = new Style(f.bold, 7.2f, Palette.MUTED);
        badge = new Style(f.bold, 6.1f, Palette.WHITE);
        h1 = new Style(f.bold, 11.5f, Palette.NAVY);
        h2 = new Style(f.bold, 8.6f, Palette.NAVY);
        tiny = new Style(f.regular, 5.9f, Palette.MUTED);
        tinyBold = new Style(f.bold, 6.3f, Palette.MUTED);
    }

    /** Draws the whole report, footers included. */
    void write() throws IOException {
        canvas.newPage();
        titleBand();
        pageOne();
        if (canvas.pageCount() == 1) {
            flow.newPage();
        } else {
            flow.gap(16);
        }
        planByPhase();
        response();
        concordance();
        prognosticFactors();
        missingData();
        warnings();
        evidenceUpdates();
        about();
        canvas.finish(this::footer);
    }

    // ---------------------------------------------------------------- page furniture

    private void titleBand() throws IOException {
        float band = 62;
        canvas.fillRect(0, Canvas.HEIGHT - band, Canvas.WIDTH, band, Palette.NAVY);
        Style title = new Style(canvas.fonts.bold, 17, Palette.WHITE);
        Style sub = new Style(canvas.fonts.regular, 7.8f, Palette.ON_NAVY);
        canvas.text(Canvas.LEFT, Canvas.HEIGHT - 30, "Tumor-board report", title);
        canvas.text(Canvas.LEFT, Canvas.HEIGHT - 45, "CavaPlan \u00b7 leiomyosarcoma of the inferior vena cava", sub);
        float room = Canvas.CONTENT_WIDTH - canvas.width("Tumor-board report", title) - 24;
        Style id = new Style(canvas.fonts.bold, 10.5f, Palette.WHITE);
        String caseText = "Case " + plan.caseId();
        while (canvas.width(caseText, id) > room && id.size() > 5) {
            id = id.size(id.size() - 0.5f);
        }
        canvas.textRight(Canvas.RIGHT, Canvas.HEIGHT - 28, caseText, id);
        canvas.textRight(Canvas.RIGHT, Canvas.HEIGHT - 41, "As of " + plan.asOf() + " \u00b7 knowledge base " + plan.knowledgeBaseVersion(), sub);
        canvas.textRight(Canvas.RIGHT, Canvas.HEIGHT - 52, "Stage of care: " + Words.of(plan.stage()) + " \u00b7 intent: "
                + Words.of(plan.intent()) + " \u00b7 disease: " + Words.of(plan.diseaseStatus()), sub);
        canvas.y = Canvas.HEIGHT - band - 5;
        for (Line line : type.paragraph(PlanWords.DISCLAIMER + " Check every recommendation against the patient.", small,
                Canvas.LEFT, Canvas.CONTENT_WIDTH)) {
            flow.place(line);
        }
    }

    private void runningHeader(Canvas c) throws IOException {
        float base = Canvas.HEIGHT - 32;
        c.text(Canvas.LEFT, base, "CavaPlan tumor-board report", h2);
        c.textRight(Canvas.RIGHT, base, "Case " + plan.caseId() + " \u00b7 as of " + plan.asOf(), small);
        c.line(Canvas.LEFT, base - 6, Canvas.RIGHT, base - 6, 0.5f, Palette.RULE);
    }

    private void footer(Canvas c, int number, int count) throws IOException {
        float base = 26;
        c.line(Canvas.LEFT, base + 11, Canvas.RIGHT, base + 11, 0.5f, Palette.RULE);
        String page = "Page " + number + " of " + count;
        Style pageStyle = small.color(Palette.INK);
        String left = "Case " + plan.caseId() + " \u00b7 as of " + plan.asOf() + " \u00b7 knowledge base " + plan.knowledgeBaseVersion()
                + " \u00b7 decision support, not a substitute for clinical judgement";
        float room = Canvas.CONTENT_WIDTH - c.width(page, pageStyle) - 12;
        if (c.width(left, small) > room) {
            left = "Case " + plan.caseId() + " \u00b7 as of " + plan.asOf();
        }
        c.text(Canvas.LEFT, base, left, small);
        c.textRight(Canvas.RIGHT, base, page, pageStyle);
    }

    private List<Line> heading(String text, float x, float width) {
        return List.of(new Line(21, (c, top) -> {
            c.text(x, top - 13, text, h1);
            c.line(x, top - 17.5f, x + width, top - 17.5f, 0.8f, Palette.NAVY);
        }));
    }

    private void section(String text, float keepWith) throws IOException {
        flow.gap(10);
        flow.heading(heading(text, Canvas.LEFT, Canvas.CONTENT_WIDTH), keepWith);
    }

    // ---------------------------------------------------------------- page 1

    /**
     * Page 1 opens with the key decisions box at full width (red flags, the plan's key decisions, the
     * next surveillance imaging), then the summary on the left and the schematic and the size chart on
     * the right, then the timeline. When the columns do not fit below the box (a long case or many
     * decisions), the blocks follow one another instead.
     */
    private void pageOne() throws IOException {
        flow.gap(6);
        List<Line> decisions = new ArrayList<>(heading("Key decisions", Canvas.LEFT, Canvas.CONTENT_WIDTH));
        decisions.addAll(keyDecisions(Canvas.LEFT, Canvas.CONTENT_WIDTH));
        flow.block(decisions);
        flow.gap(10);
        List<Line> summary = new ArrayList<>(heading("Patient summary", Canvas.LEFT, LEFT_COLUMN));
        summary.addAll(summary());
        List<Line> schematic = new ArrayList<>(heading("IVC schematic", RIGHT_X, RIGHT_COLUMN));
        schematic.addAll(schematic());
        SizeChart.Data data = SizeChart.data(kase);
        List<Line> right = new ArrayList<>(schematic);
        right.add(Line.space(10));
        right.addAll(heading("Tumor size over time", RIGHT_X, RIGHT_COLUMN));
        right.add(Line.space(4));
        right.addAll(chartLines(data, RIGHT_X, RIGHT_COLUMN));
        if (fits(summary) && fits(right)) {
            flow.place(Typeset.sideBySide(summary, right));
        } else {
            if (fits(summary) && fits(schematic)) {
                flow.place(Typeset.sideBySide(summary, schematic));
            } else {
                flow.block(summary);
                flow.block(schematic);
            }
            List<Line> chart = new ArrayList<>(heading("Tumor size over time", Canvas.LEFT, Canvas.CONTENT_WIDTH));
            chart.add(Line.space(4));
            chart.addAll(chartLines(data, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            flow.gap(10);
            flow.block(chart);
        }
        section("Timeline", 40);
        flow.table(timelineHeader(Canvas.CONTENT_WIDTH), timelineRows(Timeline.of(kase), Canvas.CONTENT_WIDTH));
    }

    private boolean fits(List<Line> lines) {
        return Flow.height(lines) <= flow.remaining();
    }

    private List<Line> summary() {
        float labelWidth = 82;
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Stage of care", Words.capitalized(Words.of(plan.stage()))});
        rows.add(new String[] {"Intent", Words.capitalized(Words.of(plan.intent()))});
        rows.add(new String[] {"Disease status", Words.capitalized(Words.of(plan.diseaseStatus()))});
        var p = kase.patient();
        rows.add(new String[] {"Patient", p.ageYears() + " years, " + Words.of(p.sex())
                + p.ecog().map(e -> "; ECOG " + e + " at presentation").orElse("")});
        rows.add(new String[] {"Presentation", presentation()});
        rows.add(new String[] {"Histology", kase.histology().map(h -> Words.capitalized(Words.of(h.diagnosis())) + " ("
                + Words.of(h.source()) + ")").orElse("not recorded")});
        rows.add(new String[] {"FNCLCC grade", plan.classification().fnclccGrade().map(String::valueOf).orElse("not recorded")});
        boolean n0 = plan.warnings().stream().anyMatch(w -> w.code().equals("AJCC_N0_ASSUMED"));
        String clinical = plan.classification().ajccStage().map(s -> "clinical " + s).orElse("clinical not determined");
        String pathological = plan.classification().ajccPathologicalStage().map(s -> ", pathological " + s).orElse("");
        rows.add(new String[] {"AJCC 8th stage", clinical + pathological + (n0 ? " (nodes not recorded: N0 assumed)" : "")});
        rows.add(new String[] {"IVC levels", levels()});
        Optional<PlanningBaseline> baseline = plan.sections().baseline();
        rows.add(new String[] {"Extent", baseline.flatMap(PlanningBaseline::extent).map(e -> extentText(e.cranial(), e.caudal())
                + " (" + Words.of(e.study().modality()) + " " + e.study().date() + ")").orElse("not recorded on imaging")});
        rows.add(new String[] {"Size", baseline.flatMap(PlanningBaseline::size).map(s -> Words.oneDecimal(s.cm()) + " cm ("
                + s.study().map(st -> Words.of(st.modality()) + " " + st.date()).orElse("pathology") + ")").orElse("not measured")});
        rows.add(new String[] {"Response", plan.response().map(r -> Words.capitalized(Words.of(r.category()))
                + " (RECIST 1.1), longest diameter " + Words.signed(r.longestDiameterChangePct()) + " %").orElse("not assessed")});
        rows.add(new String[] {"Treatment so far", treatment()});
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(3));
        for (String[] row : rows) {
            lines.addAll(type.labelled(row[0], label, row[1], body, Canvas.LEFT, labelWidth, LEFT_COLUMN));
            lines.add(Line.space(1.6f));
        }
        return lines;
    }

    private String presentation() {
        return kase.presentation().map(pr -> {
            List<String> parts = new ArrayList<>();
            pr.incidental().ifPresent(i -> parts.add(i ? "incidental finding" : "not incidental"));
            if (!pr.symptoms().isEmpty()) {
                parts.add("symptoms: " + Words.list(pr.symptoms()));
            }
            return parts.isEmpty() ? "not recorded" : Words.capitalized(String.join("; ", parts));
        }).orElse("not recorded");
    }

    private String levels() {
        var c = plan.classification();
        String levels = c.ivcLevels().isEmpty() ? "unknown" : c.ivcLevels().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return levels + "; IVC involvement: " + c.ivcInvolvement().map(Words::of).orElse("unknown")
                + "; intracardiac extension: " + Words.yesNo(c.intracardiacExtension());
    }

    private static String extentText(Landmark cranial, Landmark caudal) {
        return cranial == caudal ? Words.capitalized(Words.of(cranial)) : Words.capitalized(Words.of(cranial)) + " to " + Words.of(caudal);
    }

    private String treatment() {
        List<String> lines = new ArrayList<>();
        kase.neoadjuvant().ifPresent(n -> {
            n.radiotherapy().ifPresent(rt -> lines.add("Neoadjuvant radiotherapy " + Words.number(rt.totalDoseGy()) + " Gy"
                    + rt.fractions().map(f -> " / " + f + " fractions").orElse("") + rt.endDate().map(d -> ", ended " + d).orElse("")));
            n.chemotherapy().ifPresent(ct -> lines.add("Neoadjuvant chemotherapy " + ct.regimen()
                    + ct.cycles().map(cy -> ", " + cy + " cycles").orElse("") + ct.endDate().map(d -> ", ended " + d).orElse("")));
        });
        kase.operation().ifPresent(o -> lines.add("Resection " + o.date()
                + o.ivcManagement().map(m -> ": " + Words.of(m) + o.conduit().map(c -> " (" + Words.of(c) + ")").orElse("")).orElse("")
                + (o.enBlocResections().isEmpty() ? "" : "; en bloc " + Words.list(o.enBlocResections()))));
        kase.pathology().ifPresent(p -> lines.add("Pathology " + Words.of(p.margin())
                + p.closestMarginMm().map(m -> ", closest margin " + Words.number(m) + " mm").orElse("")));
        kase.postoperative().ifPresent(p -> {
            if (!p.antithrombotics().isEmpty()) {
                lines.add("Antithrombotics: " + Words.list(p.antithrombotics()));
            }
            p.adjuvantRadiotherapyGy().ifPresent(gy -> lines.add("Adjuvant radiotherapy " + Words.number(gy) + " Gy"));
            p.adjuvantChemotherapy().filter(b -> b).ifPresent(b -> lines.add("Adjuvant chemotherapy"));
        });
        return lines.isEmpty() ? "None recorded" : String.join("\n", lines);
    }

    private List<Line> schematic() {
        Optional<PlanningBaseline.Extent> extent = plan.sections().baseline().flatMap(PlanningBaseline::extent);
        IvcSchematic.Model model = new IvcSchematic.Model(plan.classification().ivcLevels(),
                extent.map(PlanningBaseline.Extent::cranial), extent.map(PlanningBaseline.Extent::caudal),
                plan.classification().ivcInvolvement());
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(4));
        lines.add(IvcSchematic.line(model, RIGHT_X, tiny, tinyBold));
        String legend = extent.map(e -> "Tumor: " + (e.cranial() == e.caudal() ? Words.of(e.cranial())
                        : Words.of(e.cranial()) + " to " + Words.of(e.caudal()))
                        + ", level " + levelsText() + "; " + plan.classification().ivcInvolvement().map(i -> "IVC involvement: " + Words.of(i) + "; ").orElse("")
                        + "planning baseline " + Words.of(e.study().modality()) + " " + e.study().date() + ".")
                .orElse("Tumor extent not recorded on imaging, so no tumor is drawn; IVC involvement "
                        + plan.classification().ivcInvolvement().map(Words::of).orElse("unknown") + ".");
        lines.addAll(type.paragraph(legend, small, RIGHT_X, RIGHT_COLUMN));
        return lines;
    }

    private String levelsText() {
        List<Integer> levels = plan.classification().ivcLevels();
        return levels.isEmpty() ? "unknown" : levels.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /**
     * The key decisions box from {@code x0}, {@code width} wide: the red flags first on a red band, each
     * with a red badge, its name and message, and the facts behind it; then the plan's key decisions in
     * the plan's order, each with its phase, a status badge and its summary; then the next surveillance
     * imaging and any overdue study.
     */
    private List<Line> keyDecisions(float x0, float width) {
        Decisions.Box box = Decisions.of(plan);
        float x = x0 + 8;
        float right = x0 + width - 6;
        float phaseWidth = 96;
        float badgeX = x + phaseWidth;
        float textX = badgeX + BADGE_COLUMN;
        List<Line> out = new ArrayList<>();
        if (!box.flags().isEmpty()) {
            List<Line> flags = new ArrayList<>();
            flags.add(Line.space(4));
            flags.addAll(type.row(List.of(Typeset.Cell.text(x, right - x, box.flags().size() == 1 ? "Red flag"
                    : box.flags().size() + " red flags", h2.color(Palette.FLAG_INK))), 0.6f, false));
            for (Decisions.Flag f : box.flags()) {
                flags.addAll(type.row(List.of(
                        Typeset.Cell.badge(x, BADGE_COLUMN - 4, "RED FLAG", badge, Palette.FLAG),
                        Typeset.Cell.text(x + BADGE_COLUMN, right - x - BADGE_COLUMN, f.text(), bold.color(Palette.FLAG_INK))), 0.9f, false));
                if (!f.because().isEmpty()) {
                    flags.addAll(type.paragraph("Because: " + String.join("; ", f.because()), small, x + BADGE_COLUMN,
                            right - x - BADGE_COLUMN));
                }
            }
            flags.add(Line.space(4));
            out.addAll(bar(Typeset.boxed(flags, x0, width, Palette.FLAG_BAND), x0, Palette.FLAG));
        }
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(4));
        String previous = null;
        for (Decisions.Item item : box.decisions()) {
            String phase = item.phase().equals(previous) ? "" : item.phase();
            previous = item.phase();
            lines.addAll(type.row(List.of(
                    Typeset.Cell.text(x, phaseWidth - 6, phase, h2),
                    Typeset.Cell.badge(badgeX, BADGE_COLUMN - 4, statusText(item.status()), badge, Palette.status(item.status())),
                    Typeset.Cell.text(textX, right - textX, item.summary(), body)), 0.9f, false));
        }
        if (box.decisions().isEmpty()) {
            lines.addAll(type.row(List.of(Typeset.Cell.text(x, right - x, box.flags().isEmpty()
                    ? "The plan marks no key decision; the care plan by phase follows."
                    : "The plan marks no key decision beside the red flags; the care plan by phase follows.", body)), 0.9f, false));
        }
        box.surveillance().ifPresent(s -> {
            lines.add(new Line(4.4f, (c, top) -> c.line(x, top - 2.2f, right, top - 2.2f, 0.4f, Palette.RULE)));
            lines.addAll(type.row(List.of(
                    Typeset.Cell.text(x, phaseWidth - 6, "Next surveillance", h2),
                    Typeset.Cell.text(badgeX, right - badgeX, s.next(), body)), 0.9f, false));
            if (!s.overdue().isEmpty()) {
                lines.addAll(type.row(List.of(
                        Typeset.Cell.badge(badgeX, BADGE_COLUMN - 4, "OVERDUE", badge, Palette.FLAG),
                        Typeset.Cell.text(textX, right - textX, s.overdueSentence(plan).orElseThrow(), bold.color(Palette.FLAG_INK))),
                        0.9f, false));
            }
        });
        lines.add(Line.space(4));
        if (!out.isEmpty()) {
            out.add(Line.space(3));
        }
        out.addAll(bar(Typeset.boxed(lines, x0, width, Palette.BOX), x0, Palette.NAVY));
        return out;
    }

    /** The same lines with a coloured bar down their left edge. */
    private static List<Line> bar(List<Line> lines, float x0, Rgb color) {
        List<Line> out = new ArrayList<>();
        for (Line line : lines) {
            out.add(new Line(line.height(), (c, top) -> {
                line.draw(c, top);
                c.fillRect(x0, top - line.height(), 2.2f, line.height(), color);
            }));
        }
        return out;
    }

    private List<Line> chartLines(SizeChart.Data data, float x, float width) {
        if (data.isEmpty()) {
            return type.paragraph("No tumor diameters are recorded on imaging or pathology.", body, x, width);
        }
        return List.of(SizeChart.line(data, x, width, CHART_HEIGHT, tiny));
    }

    private List<Line> timelineHeader(float width) {
        return Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(Canvas.LEFT + 3, 52, "Date", label),
                Typeset.Cell.text(Canvas.LEFT + 58, 50, "Event", label),
                Typeset.Cell.text(Canvas.LEFT + 110, width - 110, "Details", label)), 2, false), Canvas.LEFT, width, Palette.BAND);
    }

    private List<List<Line>> timelineRows(List<Timeline.Event> events, float width) {
        List<List<Line>> rows = new ArrayList<>();
        if (events.isEmpty()) {
            rows.add(type.paragraph("No dated events.", body, Canvas.LEFT + 3, width - 3));
        }
        for (Timeline.Event e : events) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(Canvas.LEFT + 3, 52, e.date().map(Object::toString).orElse("undated"), bold),
                    Typeset.Cell.text(Canvas.LEFT + 58, 50, e.kind().label, e.kind() == Timeline.Kind.FOLLOW_UP
                            || e.kind() == Timeline.Kind.OUTCOME ? body.color(Palette.NAVY) : body),
                    Typeset.Cell.text(Canvas.LEFT + 110, width - 110, e.text(), body)), 1.6f, true));
        }
        return rows;
    }

    // ---------------------------------------------------------------- the plan

    private void planByPhase() throws IOException {
        flow.heading(heading("Care plan by phase", Canvas.LEFT, Canvas.CONTENT_WIDTH), 60);
        int count = plan.recommendations().size();
        flow.block(type.paragraph(count + (count == 1 ? " recommendation" : " recommendations") + " in the plan's order, stage of care "
                + Words.of(plan.stage()) + ", " + Words.of(plan.intent()) + " intent. Each shows its status, the strength of evidence, its"
                + " sources and the case facts that triggered it.", small, Canvas.LEFT, Canvas.CONTENT_WIDTH));
        if (plan.recommendations().isEmpty()) {
            flow.block(type.paragraph("The plan has no recommendations.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
        }
        for (Map.Entry<Phase, List<Recommendation>> e : byPhase(plan.recommendations()).entrySet()) {
            List<Recommendation> recs = e.getValue();
            flow.gap(8);
            String title = e.getKey().title();
            String size = recs.size() + (recs.size() == 1 ? " recommendation" : " recommendations");
            flow.heading(List.of(new Line(17, (c, top) -> {
                c.fillRect(Canvas.LEFT, top - 15, Canvas.CONTENT_WIDTH, 15, Palette.BAND);
                c.fillRect(Canvas.LEFT, top - 15, 2.2f, 15, Palette.NAVY);
                c.text(Canvas.LEFT + 7, top - 10.6f, title, h2);
                c.textRight(Canvas.RIGHT - 5, top - 10.6f, size, small);
            })), 36);
            for (int i = 0; i < recs.size(); i++) {
                flow.block(recommendation(recs.get(i), i < recs.size() - 1));
            }
        }
    }

    /** The recommendations grouped by phase, the phases and the rows in the order the plan lists them. */
    static Map<Phase, List<Recommendation>> byPhase(List<Recommendation> recommendations) {
        Map<Phase, List<Recommendation>> phases = new LinkedHashMap<>();
        for (Recommendation r : recommendations) {
            phases.computeIfAbsent(r.phase(), p -> new ArrayList<>()).add(r);
        }
        return phases;
    }

    /** A status as its badge reads: "Recommended", "Not recommended". */
    static String statusText(Status status) {
        return PlanWords.status(status);
    }

    private List<Line> recommendation(Recommendation r, boolean separator) {
        float textX = Canvas.LEFT + BADGE_COLUMN;
        float width = Canvas.RIGHT - textX;
        float labelWidth = 58;
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(3));
        lines.addAll(type.row(List.of(
                Typeset.Cell.badge(Canvas.LEFT, BADGE_COLUMN - 4, statusText(r.status()), badge, Palette.status(r.status())),
                Typeset.Cell.text(textX, width, r.summary(), bold)), 0, false));
        lines.add(Line.space(1));
        r.when().ifPresent(w -> lines.addAll(type.labelled("When", label, w, body, textX, labelWidth, width)));
        if (!r.detail().equals(r.summary())) {
            lines.addAll(type.labelled("Detail", label, r.detail(), body, textX, labelWidth, width));
        }
        if (!r.parameters().isEmpty()) {
            lines.addAll(type.labelled("Details", label, r.parameters().entrySet().stream()
                    .map(e -> PlanWords.parameter(e.getKey()) + ": " + PlanWords.value(e.getValue())).collect(Collectors.joining("; ")),
                    body, textX, labelWidth, width));
        }
        lines.addAll(type.labelled("Evidence", label, r.evidence(), body, textX, labelWidth, width));
        lines.addAll(type.labelled("Sources", label, PlanWords.sources(r.sources()), body, textX, labelWidth, width));
        lines.addAll(type.labelled("Because", label, facts(r.because()), body, textX, labelWidth, width));
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            lines.addAll(type.labelled("Update", label, u.source() + ": " + u.note(), body, textX, labelWidth, width));
        }
        lines.add(new Line(5, (c, top) -> {
            if (separator) {
                c.line(textX, top - 3, Canvas.RIGHT, top - 3, 0.4f, Palette.RULE);
            }
        }));
        return lines;
    }

    /** The facts as their labels in the plan's words, joined with "; ". */
    private String facts(List<Fact> facts) {
        return facts.stream().map(plan::label).collect(Collectors.joining("; "));
    }

    /** The summaries of the plan's recommendations with these ids, in the order given; ids the plan does not hold are left out. */
    private List<String> summaries(Collection<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            plan.recommendation(id).ifPresent(r -> out.add(r.summary()));
        }
        return out;
    }

    // ---------------------------------------------------------------- tables after the plan

    private void response() throws IOException {
        section("Response to neoadjuvant therapy (RECIST 1.1)", 60);
        Optional<Response> response = plan.response();
        List<ImagingStudy> measured = kase.imaging().stream().filter(s -> !s.tumorDiametersCm().isEmpty()).toList();
        if (!measured.isEmpty()) {
            float x = Canvas.LEFT;
            float[] at = {x + 3, x + 66, x + 140, x + 270, x + 330, x + 420};
            float[] w = {60, 70, 126, 56, 86, Canvas.RIGHT - at[5]};
            List<Line> header = Typeset.boxed(type.row(List.of(
                    Typeset.Cell.text(at[0], w[0], "Date", label), Typeset.Cell.text(at[1], w[1], "Modality", label),
                    Typeset.Cell.text(at[2], w[2], "Diameters", label), Typeset.Cell.text(at[3], w[3], "Longest", label),
                    Typeset.Cell.text(at[4], w[4], "Change from baseline", label), Typeset.Cell.text(at[5], w[5], "Role", label)), 2, false),
                    x, Canvas.CONTENT_WIDTH, Palette.BAND);
            Optional<ImagingStudy> baseline = response.flatMap(r -> studyOn(measured, r.baselineDate()));
            Optional<ImagingStudy> followUp = response.flatMap(r -> studyOn(measured, r.followUpDate()));
            List<List<Line>> rows = new ArrayList<>();
            for (ImagingStudy s : measured) {
                double longest = s.longestDiameterCm().orElseThrow();
                String change = baseline.filter(b -> response.isPresent() && !s.date().isBefore(b.date()) && s != b)
                        .map(b -> Words.signed(100 * (longest - b.longestDiameterCm().orElseThrow()) / b.longestDiameterCm().orElseThrow())
                                + " %")
                        .orElse("");
                String role = baseline.filter(b -> b == s).isPresent() ? "RECIST baseline"
                        : followUp.filter(f -> f == s).isPresent() ? "RECIST follow-up" : "";
                Style st = role.isEmpty() ? body : bold;
                rows.add(type.row(List.of(
                        Typeset.Cell.text(at[0], w[0], s.date().toString(), st), Typeset.Cell.text(at[1], w[1], Words.of(s.modality()), body),
                        Typeset.Cell.text(at[2], w[2], Words.diameters(s.tumorDiametersCm()), body),
                        Typeset.Cell.text(at[3], w[3], Words.oneDecimal(longest) + " cm", st), Typeset.Cell.text(at[4], w[4], change, body),
                        Typeset.Cell.text(at[5], w[5], role, st)), 1.6f, true));
            }
            flow.table(header, rows);
            flow.gap(4);
        }
        List<Line> lines = new ArrayList<>();
        if (response.isPresent()) {
            Response r = response.get();
            lines.addAll(type.labelled("Category", label, Words.capitalized(Words.of(r.category())) + " (" + r.category().name() + ")", bold, Canvas.LEFT, 90, Canvas.CONTENT_WIDTH));
            lines.addAll(type.labelled("Longest diameter", label, Words.signed(r.longestDiameterChangePct()) + " % ("
                    + Words.signed(r.absoluteChangeMm()) + " mm), " + r.baselineDate() + " to " + r.followUpDate(), body, Canvas.LEFT, 90,
                    Canvas.CONTENT_WIDTH));
            lines.addAll(type.labelled("Ellipsoid volume", label, r.volumeChangePct().map(v -> Words.signed(v) + " %")
                    .orElse("not computed (needs three diameters on both studies)"), body, Canvas.LEFT, 90, Canvas.CONTENT_WIDTH));
            lines.addAll(type.labelled("Modalities", label, r.sameModality() ? "the same on both studies"
                    : "different: diameters are less comparable", body, Canvas.LEFT, 90, Canvas.CONTENT_WIDTH));
            lines.addAll(type.labelled("Criteria", label, "RECIST 1.1, one target lesion: partial response (PR) at -30 % or less;"
                    + " progression (PD) at +20 % or more with at least 5 mm of growth, or new distant metastases; otherwise stable"
                    + " disease (SD).", small, Canvas.LEFT, 90, Canvas.CONTENT_WIDTH));
        } else {
            lines.addAll(type.paragraph("Not assessed: a RECIST response needs neoadjuvant therapy with an end date and a measured study"
                    + " before and after it.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
        }
        flow.block(lines);
    }

    private static Optional<ImagingStudy> studyOn(List<ImagingStudy> measured, LocalDate date) {
        return measured.stream().filter(s -> s.date().equals(date)).reduce((a, b) -> b);
    }

    private void concordance() throws IOException {
        section("Concordance with what was done", 40);
        if (plan.concordance().isEmpty()) {
            flow.block(type.paragraph("Nothing to compare: no IVC management or antithrombotic treatment is recorded.", body,
                    Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        float noteX = x + BADGE_COLUMN + 6;
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(x + 3, BADGE_COLUMN, "Verdict", label),
                Typeset.Cell.text(noteX, Canvas.RIGHT - noteX, "What was done, judged against the pathway, and the facts compared", label)),
                2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (Concordance k : plan.concordance()) {
            List<Line> row = new ArrayList<>(type.row(List.of(
                    Typeset.Cell.badge(x + 3, BADGE_COLUMN, Words.capitalized(Words.of(k.verdict())), badge, Palette.verdict(k.verdict())),
                    Typeset.Cell.text(noteX, Canvas.RIGHT - noteX, k.note(), body)), 1.6f, false));
            row.addAll(type.paragraph("Because: " + facts(k.because()), small, noteX, Canvas.RIGHT - noteX));
            row.add(new Line(5, (c, top) -> c.line(x, top - 3, Canvas.RIGHT, top - 3, 0.4f, Palette.RULE)));
            rows.add(row);
        }
        flow.table(header, rows);
    }

    private void prognosticFactors() throws IOException {
        section("Prognostic factors", 40);
        if (plan.prognosticFactors().isEmpty()) {
            flow.block(type.paragraph("None recorded for this case.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(x + 3, 80, "Effect", label), Typeset.Cell.text(x + 88, 270, "Finding", label),
                Typeset.Cell.text(x + 366, Canvas.CONTENT_WIDTH - 366, "Sources", label)), 2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (PrognosticFactor p : plan.prognosticFactors()) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(x + 3, 80, Words.capitalized(Words.of(p.effect())), bold),
                    Typeset.Cell.text(x + 88, 270, p.summary(), body),
                    Typeset.Cell.text(x + 366, Canvas.CONTENT_WIDTH - 366, PlanWords.sources(p.sources()), body)), 1.6f, true));
        }
        flow.table(header, rows);
    }

    private void missingData() throws IOException {
        section("Missing data", 40);
        if (plan.missingData().isEmpty()) {
            flow.block(type.paragraph("None: every fact the plan needs is recorded.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(x + 3, 140, "Field", label), Typeset.Cell.text(x + 148, 220, "Why it is needed", label),
                Typeset.Cell.text(x + 376, Canvas.CONTENT_WIDTH - 376, "Affects", label)), 2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (MissingData m : plan.missingData()) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(x + 3, 140, PlanWords.field(m.pointer()), bold),
                    Typeset.Cell.text(x + 148, 220, Words.capitalized(m.reason()), body),
                    Typeset.Cell.text(x + 376, Canvas.CONTENT_WIDTH - 376, String.join("; ", summaries(m.affects())), body)), 1.6f, true));
        }
        flow.table(header, rows);
    }

    private void warnings() throws IOException {
        section("Warnings", 40);
        if (plan.warnings().isEmpty()) {
            flow.block(type.paragraph("None.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        List<List<Line>> rows = new ArrayList<>();
        for (Warning w : plan.warnings()) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(x + 3, 10, "\u2022", bold),
                    Typeset.Cell.text(x + 14, Canvas.CONTENT_WIDTH - 14, w.message(), body)), 1.6f, true));
        }
        flow.table(List.of(), rows);
    }

    private void evidenceUpdates() throws IOException {
        section("Evidence updates", 40);
        Map<String, Set<String>> qualifies = new LinkedHashMap<>();
        Map<String, EvidenceUpdate> updates = new LinkedHashMap<>();
        for (Recommendation r : plan.recommendations()) {
            for (EvidenceUpdate u : r.evidenceUpdates()) {
                String key = u.source() + "\u0000" + u.note();
                updates.putIfAbsent(key, u);
                qualifies.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(r.id());
            }
        }
        if (updates.isEmpty()) {
            flow.block(type.paragraph("No later evidence qualifies the recommendations of this plan.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(x + 3, 110, "Evidence", label), Typeset.Cell.text(x + 118, 250, "What it adds", label),
                Typeset.Cell.text(x + 376, Canvas.CONTENT_WIDTH - 376, "Qualifies", label)), 2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (Map.Entry<String, EvidenceUpdate> e : updates.entrySet()) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(x + 3, 110, e.getValue().source(), bold),
                    Typeset.Cell.text(x + 118, 250, e.getValue().note(), body),
                    Typeset.Cell.text(x + 376, Canvas.CONTENT_WIDTH - 376, String.join("; ", summaries(qualifies.get(e.getKey()))), body)),
                    1.6f, true));
        }
        flow.table(header, rows);
    }

    private void about() throws IOException {
        section("About this report", 80);
        float w = Canvas.CONTENT_WIDTH;
        List<Line> lines = new ArrayList<>();
        lines.addAll(type.labelled("Case", label, plan.caseId(), bold, Canvas.LEFT, 90, w));
        lines.addAll(type.labelled("As of", label, plan.asOf().toString(), body, Canvas.LEFT, 90, w));
        lines.addAll(type.labelled("Knowledge base", label, "version " + plan.knowledgeBaseVersion()
                + " (cavaplan rules prints every rule, source, threshold and assumption)", body, Canvas.LEFT, 90, w));
        lines.addAll(type.labelled("Made from", label, "the case as recorded and the plan CavaPlan computed for the as-of date;"
                + " the same case, date and knowledge base give the same report.", body, Canvas.LEFT, 90, w));
        lines.add(Line.space(6));
        List<Line> disclaimer = new ArrayList<>();
        disclaimer.add(Line.space(4));
        disclaimer.addAll(type.labelled("Disclaimer", label.color(Palette.TUMOR_LINE), DISCLAIMER, body, Canvas.LEFT + 8, 82, w - 16));
        disclaimer.add(Line.space(4));
        List<Line> boxed = Typeset.boxed(disclaimer, Canvas.LEFT, w, Palette.BOX);
        for (Line line : boxed) {
            lines.add(new Line(line.height(), (c, top) -> {
                line.draw(c, top);
                c.fillRect(Canvas.LEFT, top - line.height(), 2.2f, line.height(), Palette.TUMOR);
            }));
        }
        flow.block(lines);
    }
}

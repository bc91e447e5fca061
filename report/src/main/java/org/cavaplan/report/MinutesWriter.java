package org.cavaplan.report;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.MeetingRules;
import org.cavaplan.core.meeting.Verdict;

/**
 * Lays out the minutes on a canvas: the title band, the meeting and its attendees, the agenda (minutes
 * of a whole meeting), then one section per case with its decision, signature and corrections.
 */
final class MinutesWriter {

    /** What the minutes are, under the title band. */
    static final String PURPOSE = "The record of the tumor board's decisions. A decision the chair has not signed is a draft"
            + " and may still change; a signed decision changes only by a correction with its reason, listed with it.";

    /** An advice the plan does not hold: the board judged a recommendation the case's plan no longer makes. */
    static final String NOT_IN_PLAN = "A recommendation that the case's plan as of the meeting date does not make";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd 'at' HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final float BADGE_COLUMN = 74;
    private static final float LABEL_WIDTH = 86;

    private final Meeting meeting;
    private final List<Minutes.Item> items;
    private final boolean oneCase;
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

    MinutesWriter(Meeting meeting, List<Minutes.Item> items, boolean oneCase, PDDocument document, Fonts fonts) {
        this.meeting = meeting;
        this.items = List.copyOf(items);
        this.oneCase = oneCase;
        this.canvas = new Canvas(document, fonts, this::runningHeader);
        this.flow = new Flow(canvas);
        this.type = new Typeset(canvas);
        body = new Style(fonts.regular, 8.4f, Palette.INK);
        bold = new Style(fonts.bold, 8.4f, Palette.INK);
        small = new Style(fonts.regular, 7f, Palette.MUTED);
        label = new Style(fonts.bold, 7.4f, Palette.MUTED);
        badge = new Style(fonts.bold, 6.1f, Palette.WHITE);
        h1 = new Style(fonts.bold, 11.5f, Palette.NAVY);
        h2 = new Style(fonts.bold, 8.8f, Palette.NAVY);
    }

    /** Draws the whole document, footers included. */
    void write() throws IOException {
        canvas.newPage();
        titleBand();
        meetingSection();
        if (!oneCase) {
            agenda();
        }
        for (int i = 0; i < items.size(); i++) {
            agendaCase(items.get(i), i + 1);
        }
        canvas.finish(this::footer);
    }

    // ---------------------------------------------------------------- page furniture

    /** What every page names: the case (minutes of one case) or the meeting. */
    private String names() {
        return oneCase ? "Case " + items.get(0).agenda().caseId() + " \u00b7 " + meeting.title() + ", " + meeting.date()
                : meeting.title() + " \u00b7 " + meeting.date();
    }

    private void titleBand() throws IOException {
        float band = 62;
        canvas.fillRect(0, Canvas.HEIGHT - band, Canvas.WIDTH, band, Palette.NAVY);
        Style title = new Style(canvas.fonts.bold, 17, Palette.WHITE);
        Style sub = new Style(canvas.fonts.regular, 7.8f, Palette.ON_NAVY);
        String heading = oneCase ? "Tumor-board minutes of one case" : "Tumor-board minutes";
        canvas.text(Canvas.LEFT, Canvas.HEIGHT - 30, heading, title);
        canvas.text(Canvas.LEFT, Canvas.HEIGHT - 45, "CavaPlan \u00b7 leiomyosarcoma of the inferior vena cava", sub);
        float room = Canvas.CONTENT_WIDTH - canvas.width(heading, title) - 24;
        Style big = new Style(canvas.fonts.bold, 10.5f, Palette.WHITE);
        String first = oneCase ? "Case " + items.get(0).agenda().caseId() : meeting.title();
        while (canvas.width(first, big) > room && big.size() > 7) {
            big = big.size(big.size() - 0.5f);
        }
        canvas.textRight(Canvas.RIGHT, Canvas.HEIGHT - 28, fit(first, big, room), big);
        String second = (oneCase ? meeting.title() + ", " : "") + meeting.date() + " \u00b7 chair " + meeting.chair();
        canvas.textRight(Canvas.RIGHT, Canvas.HEIGHT - 41, fit(second, sub, room), sub);
        canvas.textRight(Canvas.RIGHT, Canvas.HEIGHT - 52, fit(signedCount(), sub, room), sub);
        canvas.y = Canvas.HEIGHT - band - 5;
        for (Line line : type.paragraph(PURPOSE, small, Canvas.LEFT, Canvas.CONTENT_WIDTH)) {
            flow.place(line);
        }
    }

    /** "3 cases: 2 signed, 1 draft" in words. */
    private String signedCount() {
        long signed = items.stream().filter(i -> i.decision().filter(DecisionRecord::signed).isPresent()).count();
        long drafts = items.stream().filter(i -> i.decision().filter(d -> !d.signed()).isPresent()).count();
        long none = items.size() - signed - drafts;
        List<String> parts = new ArrayList<>();
        if (signed > 0) {
            parts.add(signed + " signed");
        }
        if (drafts > 0) {
            parts.add(drafts + (drafts == 1 ? " draft" : " drafts"));
        }
        if (none > 0) {
            parts.add(none + " without a decision");
        }
        String cases = items.size() == 1 ? "1 case" : items.size() + " cases";
        return parts.isEmpty() ? "no case on the agenda" : (oneCase ? "Decision: " : cases + ": ") + String.join(", ", parts);
    }

    private void runningHeader(Canvas c) throws IOException {
        float base = Canvas.HEIGHT - 32;
        String left = "CavaPlan tumor-board minutes";
        c.text(Canvas.LEFT, base, left, h2);
        float room = Canvas.CONTENT_WIDTH - c.width(left, h2) - 16;
        c.textRight(Canvas.RIGHT, base, fit(names(), small, room), small);
        c.line(Canvas.LEFT, base - 6, Canvas.RIGHT, base - 6, 0.5f, Palette.RULE);
    }

    private void footer(Canvas c, int number, int count) throws IOException {
        float base = 26;
        c.line(Canvas.LEFT, base + 11, Canvas.RIGHT, base + 11, 0.5f, Palette.RULE);
        String page = "Page " + number + " of " + count;
        Style pageStyle = small.color(Palette.INK);
        float room = Canvas.CONTENT_WIDTH - c.width(page, pageStyle) - 12;
        c.text(Canvas.LEFT, base, fit(names(), small, room), small);
        c.textRight(Canvas.RIGHT, base, page, pageStyle);
    }

    /** The text, cut with an ellipsis to fit {@code width} points in this style. */
    private String fit(String text, Style style, float width) {
        if (canvas.width(text, style) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && canvas.width(cut + "\u2026", style) > width) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut.stripTrailing() + "\u2026";
    }

    private List<Line> heading(String text) {
        return List.of(new Line(21, (c, top) -> {
            c.text(Canvas.LEFT, top - 13, fit(text, h1, Canvas.CONTENT_WIDTH), h1);
            c.line(Canvas.LEFT, top - 17.5f, Canvas.RIGHT, top - 17.5f, 0.8f, Palette.NAVY);
        }));
    }

    private void section(String text, float keepWith) throws IOException {
        flow.gap(10);
        flow.heading(heading(text), keepWith);
    }

    private void subheading(String text, float keepWith) throws IOException {
        flow.gap(6);
        flow.heading(type.paragraph(text, h2, Canvas.LEFT, Canvas.CONTENT_WIDTH), keepWith);
    }

    private List<Line> labelled(String name, String value, Style style) {
        return type.labelled(name, label, value, style, Canvas.LEFT, LABEL_WIDTH, Canvas.CONTENT_WIDTH);
    }

    // ---------------------------------------------------------------- the meeting

    private void meetingSection() throws IOException {
        section("Meeting", 60);
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(3));
        lines.addAll(labelled("Date", meeting.date().toString(), bold));
        lines.addAll(labelled("Title", meeting.title(), body));
        lines.addAll(labelled("Chair", withDiscipline(meeting.chair()), body));
        if (oneCase) {
            lines.addAll(labelled("Agenda", "item " + items.get(0).agenda().order() + " of the meeting's agenda", body));
        }
        flow.block(lines);
        subheading(meeting.attendees().size() == 1 ? "1 attendee" : meeting.attendees().size() + " attendees", 30);
        if (meeting.attendees().isEmpty()) {
            flow.block(type.paragraph("No attendee was listed for this meeting.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        float[] at = {x + 3, x + 220};
        float[] w = {210, Canvas.RIGHT - at[1]};
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(at[0], w[0], "Name", label), Typeset.Cell.text(at[1], w[1], "Discipline", label)), 2, false),
                x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (var a : meeting.attendees()) {
            boolean chair = MeetingRules.sameName(a.name(), meeting.chair());
            rows.add(type.row(List.of(
                    Typeset.Cell.text(at[0], w[0], a.name() + (chair ? " (chair)" : ""), chair ? bold : body),
                    Typeset.Cell.text(at[1], w[1], Words.capitalized(a.discipline().words()), body)), 1.4f, true));
        }
        flow.table(header, rows);
    }

    /** A name with the discipline it attends for, when it is an attendee's; "(chair)" for the chair. */
    private String withDiscipline(String name) {
        String chair = MeetingRules.sameName(name, meeting.chair()) ? "chair" : "";
        return meeting.attendee(name).map(a -> name + " (" + (chair.isEmpty() ? "" : chair + ", ") + a.discipline().words() + ")")
                .orElse(chair.isEmpty() ? name : name + " (" + chair + ")");
    }

    private void agenda() throws IOException {
        section("Agenda", 40);
        if (items.isEmpty()) {
            flow.block(type.paragraph("No case is on this meeting's agenda.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        float[] at = {x + 3, x + 20, x + 136, x + 340, x + 432};
        float[] w = {15, 112, 198, 88, Canvas.RIGHT - at[4]};
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(at[0], w[0], "#", label), Typeset.Cell.text(at[1], w[1], "Case", label),
                Typeset.Cell.text(at[2], w[2], "Question for the board", label), Typeset.Cell.text(at[3], w[3], "Presented by", label),
                Typeset.Cell.text(at[4], w[4], "Decision", label)), 2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Minutes.Item item = items.get(i);
            rows.add(type.row(List.of(
                    Typeset.Cell.text(at[0], w[0], String.valueOf(i + 1), bold),
                    Typeset.Cell.text(at[1], w[1], item.agenda().caseId(), bold),
                    Typeset.Cell.text(at[2], w[2], item.agenda().question(), body),
                    Typeset.Cell.text(at[3], w[3], item.agenda().presenter(), body),
                    Typeset.Cell.badge(at[4], w[4], status(item.decision()), badge, statusColor(item.decision()))), 1.6f, true));
        }
        flow.table(header, rows);
    }

    private static String status(Optional<DecisionRecord> decision) {
        return decision.map(d -> d.signed() ? "Signed" : "Draft").orElse("No decision");
    }

    private static Rgb statusColor(Optional<DecisionRecord> decision) {
        return decision.map(d -> d.signed() ? Rgb.of(46, 125, 50) : Rgb.of(176, 104, 0)).orElse(Rgb.of(97, 97, 97));
    }

    // ---------------------------------------------------------------- one case

    private void agendaCase(Minutes.Item item, int number) throws IOException {
        String title = (oneCase ? "" : number + ". ") + "Case " + item.agenda().caseId();
        String status = status(item.decision());
        Rgb color = statusColor(item.decision());
        List<Line> heading = List.of(new Line(21, (c, top) -> {
            float badgeWidth = c.width(status, badge) + 7;
            c.text(Canvas.LEFT, top - 13, fit(title, h1, Canvas.CONTENT_WIDTH - badgeWidth - 10), h1);
            Typeset.badge(c, Canvas.RIGHT - badgeWidth, top - 3, status, badge, color);
            c.line(Canvas.LEFT, top - 17.5f, Canvas.RIGHT, top - 17.5f, 0.8f, Palette.NAVY);
        }));
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(3));
        lines.addAll(labelled("Question", item.agenda().question(), bold));
        lines.addAll(labelled("Presented by", withDiscipline(item.agenda().presenter()), body));
        if (item.decision().isEmpty()) {
            lines.add(Line.space(2));
            lines.addAll(labelled("Decision", "No decision has been recorded for this case.", body));
            opening(heading, lines, 0);
            return;
        }
        DecisionRecord record = item.decision().get();
        Decision decision = record.decision();
        lines.addAll(labelled("Present", decision.present().isEmpty() ? "not recorded"
                : String.join("; ", decision.present().stream().map(this::withDiscipline).toList()), body));
        lines.add(Line.space(2));
        lines.addAll(labelled("Agreed plan", decision.agreedPlan(), bold));
        opening(heading, lines, 60);
        verdicts(decision, item);
        dissent(decision);
        actions(decision);
        List<Line> closing = new ArrayList<>();
        closing.add(Line.space(4));
        closing.addAll(labelled("Next review", decision.nextReview().map(Object::toString).orElse("not set"), body));
        closing.addAll(signature(record));
        flow.block(closing);
        corrections(record);
    }

    /**
     * A case's heading and its opening lines, kept on one page with {@code keepWith} points of what
     * follows when they fit on one (a long agreed plan flows on).
     */
    private void opening(List<Line> heading, List<Line> lines, float keepWith) throws IOException {
        flow.gap(14);
        float height = Flow.height(lines);
        flow.heading(heading, height + keepWith <= Canvas.TOP - Canvas.BOTTOM - 40 ? height + keepWith : 80);
        flow.block(lines);
    }

    private void verdicts(Decision decision, Minutes.Item item) throws IOException {
        subheading("Key decisions: what the knowledge base advised and the board's verdict", 30);
        if (decision.items().isEmpty()) {
            flow.block(type.paragraph("The board gave no verdict on a recommendation of the plan.", body, Canvas.LEFT,
                    Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        float[] at = {x + 3, x + 3 + BADGE_COLUMN, x + 276, x + 340};
        float[] w = {BADGE_COLUMN - 4, at[2] - at[1] - 8, 60, Canvas.RIGHT - at[3]};
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(at[0], w[0], "Advised", label), Typeset.Cell.text(at[1], w[1], "Recommendation", label),
                Typeset.Cell.text(at[2], w[2], "Board", label), Typeset.Cell.text(at[3], w[3], "Reason and note", label)), 2, false),
                x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (DecisionItem d : decision.items()) {
            Optional<Minutes.Advice> advice = Optional.ofNullable(item.advice().get(d.recommendationId()));
            List<Typeset.Cell> cells = new ArrayList<>();
            cells.add(advice.map(a -> Typeset.Cell.badge(at[0], w[0], ReportWriter.statusText(a.status()), badge,
                    Palette.status(a.status()))).orElse(Typeset.Cell.text(at[0], w[0], "not in the plan", small)));
            cells.add(Typeset.Cell.text(at[1], w[1], advice.map(Minutes.Advice::summary).orElse(NOT_IN_PLAN), body));
            cells.add(Typeset.Cell.badge(at[2], w[2], Words.capitalized(d.verdict().words()), badge, verdictColor(d.verdict())));
            cells.add(Typeset.Cell.text(at[3], w[3], reason(d), d.verdict().overrides() ? bold : body));
            rows.add(type.row(cells, 1.6f, true));
        }
        flow.table(header, rows);
    }

    /** The reason of an override and its note in words: "Anatomy: too few collaterals". */
    private static String reason(DecisionItem d) {
        String reason = d.reason().map(r -> Words.capitalized(r.words())).orElse("");
        String note = d.note().orElse("");
        if (reason.isEmpty()) {
            return note;
        }
        return note.isEmpty() ? reason : reason + ": " + note;
    }

    static Rgb verdictColor(Verdict verdict) {
        return switch (verdict) {
            case ACCEPT -> Rgb.of(46, 125, 50);
            case MODIFY -> Rgb.of(176, 104, 0);
            case REJECT -> Rgb.of(183, 28, 28);
        };
    }

    private void dissent(Decision decision) throws IOException {
        subheading("Dissent", 20);
        if (decision.dissent().isEmpty()) {
            flow.block(type.paragraph("None recorded.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        List<List<Line>> rows = new ArrayList<>();
        for (Dissent d : decision.dissent()) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(Canvas.LEFT + 3, 180, withDiscipline(d.name()), bold),
                    Typeset.Cell.text(Canvas.LEFT + 190, Canvas.RIGHT - Canvas.LEFT - 190, d.note(), body)), 1.4f, true));
        }
        flow.table(List.of(), rows);
    }

    private void actions(Decision decision) throws IOException {
        subheading("Actions", 20);
        if (decision.actions().isEmpty()) {
            flow.block(type.paragraph("None.", body, Canvas.LEFT, Canvas.CONTENT_WIDTH));
            return;
        }
        float x = Canvas.LEFT;
        float[] at = {x + 3, x + 300, x + 440};
        float[] w = {290, 132, Canvas.RIGHT - at[2]};
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(at[0], w[0], "Action", label), Typeset.Cell.text(at[1], w[1], "Owner", label),
                Typeset.Cell.text(at[2], w[2], "Due", label)), 2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (ActionItem a : decision.actions()) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(at[0], w[0], a.text(), body), Typeset.Cell.text(at[1], w[1], a.owner(), body),
                    Typeset.Cell.text(at[2], w[2], a.due().toString(), bold)), 1.4f, true));
        }
        flow.table(header, rows);
    }

    private List<Line> signature(DecisionRecord record) {
        Optional<DecisionVersion> signed = record.signature();
        if (signed.isPresent()) {
            DecisionVersion s = signed.get();
            String text = "Signed by " + s.author() + " on " + time(s.recordedAt()) + s.reason().map(r -> " (" + r + ")").orElse("")
                    + (record.latest().change() == DecisionVersion.Change.CORRECTED
                            ? "; corrected since, the decision above is version " + record.latest().version() : "") + ".";
            return labelled("Signature", text, bold);
        }
        DecisionVersion draft = record.latest();
        return labelled("Signature", "Not signed: a draft (version " + draft.version() + ", saved by " + draft.author() + " on "
                + time(draft.recordedAt()) + "). It becomes the board's record once the chair, " + meeting.chair() + ", signs it.",
                bold.color(Rgb.of(176, 104, 0)));
    }

    private void corrections(DecisionRecord record) throws IOException {
        List<DecisionVersion> history = record.versions().stream()
                .filter(v -> v.change() != DecisionVersion.Change.DRAFTED).toList();
        if (history.stream().noneMatch(v -> v.change() == DecisionVersion.Change.CORRECTED)) {
            return;
        }
        subheading("Correction history", 30);
        float x = Canvas.LEFT;
        float[] at = {x + 3, x + 50, x + 110, x + 210, x + 300};
        float[] w = {44, 56, 96, 86, Canvas.RIGHT - at[4]};
        List<Line> header = Typeset.boxed(type.row(List.of(
                Typeset.Cell.text(at[0], w[0], "Version", label), Typeset.Cell.text(at[1], w[1], "Change", label),
                Typeset.Cell.text(at[2], w[2], "When", label), Typeset.Cell.text(at[3], w[3], "By", label),
                Typeset.Cell.text(at[4], w[4], "Reason", label)), 2, false), x, Canvas.CONTENT_WIDTH, Palette.BAND);
        List<List<Line>> rows = new ArrayList<>();
        for (DecisionVersion v : history) {
            rows.add(type.row(List.of(
                    Typeset.Cell.text(at[0], w[0], String.valueOf(v.version()), body),
                    Typeset.Cell.text(at[1], w[1], Words.capitalized(v.change().words()), bold),
                    Typeset.Cell.text(at[2], w[2], time(v.recordedAt()), body),
                    Typeset.Cell.text(at[3], w[3], v.author(), body),
                    Typeset.Cell.text(at[4], w[4], v.reason().orElse(""), body)), 1.4f, true));
        }
        flow.table(header, rows);
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }
}

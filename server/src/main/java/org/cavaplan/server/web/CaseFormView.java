package org.cavaplan.server.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cavaplan.io.InputError;
import org.cavaplan.server.web.CaseForm.Field;
import org.cavaplan.server.web.CaseForm.Group;
import org.cavaplan.server.web.CaseForm.Kind;
import org.cavaplan.server.web.CaseForm.Labels;
import org.cavaplan.server.web.CaseForm.Part;
import org.cavaplan.server.web.CaseForm.Repeat;

/**
 * The case form as an HTML fragment: one fieldset per step of the pathway (from the case schema's
 * structure, see {@link CaseForm}), every control with a {@code <label for>}, an error summary on
 * top linking to each field in error, and each error repeated next to its field (linked with
 * {@code aria-describedby}, marked {@code aria-invalid}). An error whose pointer is not a field (a
 * missing section, a check on a whole list) is shown next to the closest enclosing group. Every
 * value and message goes through {@link Html}; no inline style or script is written.
 */
public final class CaseFormView {

    /** Name of the "reason for this change" field; an error with this pointer is shown next to it. */
    public static final String REASON = "_reason";

    /** Name of the hidden anti-forgery field. */
    public static final String CSRF = "_csrf";

    /** Name of the hidden field holding the version the form was opened on (optimistic concurrency); absent for a new case. */
    public static final String BASE = "_base";

    private static final String REASON_ID = "f-reason";

    /** Name of the box that confirms the plausibility warnings shown; its value names those warnings. */
    public static final String CONFIRM = "_confirmWarnings";

    /** The pointer of the case id, read-only once the case is stored. */
    static final String CASE_ID = "/caseId";

    private final Map<String, String> values;
    private final Map<String, List<InputError>> errorsAt = new LinkedHashMap<>();
    private final Set<String> rendered = new LinkedHashSet<>();
    private final List<InputError> errors;
    private final Map<String, List<InputError>> warningsAt = new LinkedHashMap<>();
    private final List<InputError> warnings;
    private final boolean storedCase;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private CaseFormView(Map<String, String> values, List<InputError> errors, List<InputError> warnings, boolean storedCase) {
        this.values = values;
        this.errors = errors;
        this.warnings = warnings;
        this.storedCase = storedCase;
    }

    /**
     * The form. {@code action}: where it posts; {@code values}: field values by pointer (from
     * {@link CaseForm#values}, plus {@code _reason} to keep a reason typed before an error);
     * {@code errors}: problems to show, by JSON pointer; {@code csrfToken}: the session's token.
     */
    public static String body(String action, String title, Map<String, String> values, List<InputError> errors,
            String csrfToken) {
        return body(action, title, values, errors, List.of(), false, csrfToken, "");
    }

    /**
     * The form with plausibility {@code warnings} to confirm (shown beside their fields, with a box
     * {@value #CONFIRM} that must be ticked to save them as entered), and, for a {@code storedCase},
     * the case id shown read-only.
     */
    public static String body(String action, String title, Map<String, String> values, List<InputError> errors,
            List<InputError> warnings, boolean storedCase, String csrfToken) {
        return body(action, title, values, errors, warnings, storedCase, csrfToken, "");
    }

    /** Like {@link #body(String, String, Map, List, List, boolean, String)}, with {@code notice} (HTML, escaped by its maker) under the title. */
    static String body(String action, String title, Map<String, String> values, List<InputError> errors,
            List<InputError> warnings, boolean storedCase, String csrfToken, String notice) {
        Map<String, String> v = values == null ? Map.of() : values;
        List<InputError> e = errors == null ? List.of() : List.copyOf(errors);
        List<InputError> w = warnings == null ? List.of() : List.copyOf(warnings);
        // a first pass learns which pointers have a place on the page, so that each error finds one
        CaseFormView dry = new CaseFormView(v, e, w, storedCase);
        dry.parts(CaseForm.layout(), "");
        CaseFormView view = new CaseFormView(v, e, w, storedCase);
        for (InputError error : e) {
            view.errorsAt.computeIfAbsent(dry.closest(error.pointer()), k -> new ArrayList<>()).add(error);
        }
        for (InputError warning : w) {
            view.warningsAt.computeIfAbsent(dry.closest(warning.pointer()), k -> new ArrayList<>()).add(warning);
        }
        return view.page(action, title, csrfToken == null ? "" : csrfToken, notice);
    }

    /**
     * True when the submitted form confirms exactly these warnings: the box {@value #CONFIRM} was
     * ticked on a page that showed them. A confirmation of other warnings (values changed since)
     * confirms nothing.
     */
    public static boolean confirmed(Map<String, List<String>> form, List<InputError> warnings) {
        List<String> sent = form.getOrDefault(CONFIRM, List.of());
        return !warnings.isEmpty() && sent.size() == 1 && fingerprint(warnings).equals(sent.get(0));
    }

    /** A short digest of the warnings shown (pointer and message of each). */
    static String fingerprint(List<InputError> warnings) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (InputError w : warnings) {
                sha.update((w.pointer() + "\u0000" + w.message() + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The id of the element showing a pointer: {@code /imaging/0/date} to {@code f-imaging-0-date}. */
    static String id(String pointer) {
        if (pointer.equals(REASON)) {
            return REASON_ID;
        }
        if (pointer.isEmpty()) {
            return "f-case";
        }
        StringBuilder b = new StringBuilder("f");
        for (char c : pointer.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '_' ? c : '-');
        }
        return b.toString();
    }

    private String closest(String pointer) {
        if (pointer.equals(REASON)) {
            return REASON;
        }
        String p = pointer.startsWith("/") ? pointer : "";
        while (!p.isEmpty() && !rendered.contains(p)) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return p;
    }

    // ---------------------------------------------------------------- page

    private String page(String action, String title, String csrfToken, String notice) {
        StringBuilder body = out;
        body.append("<div class=\"case-form\">\n<h1>").append(Html.text(title)).append("</h1>\n");
        body.append(notice);
        summary();
        warningSummary();
        body.append("<form method=\"post\" action=\"").append(Html.attr(action)).append("\" novalidate>\n");
        body.append("<input type=\"hidden\" name=\"").append(CSRF).append("\" value=\"").append(Html.attr(csrfToken))
                .append("\">\n");
        if (values.containsKey(BASE)) {
            body.append("<input type=\"hidden\" name=\"").append(BASE).append("\" value=\"").append(Html.attr(values.get(BASE)))
                    .append("\">\n");
        }
        contents();
        body.append("<p class=\"form-note\">").append(Html.text(CaseForm.layout().hint()))
                .append(" Fields marked <span class=\"required\">required</span> must be filled whenever their section is used.</p>\n");
        parts(CaseForm.layout(), "");
        reason();
        confirmation();
        body.append("<div class=\"form-actions\"><button type=\"submit\" class=\"primary\">Save case</button></div>\n");
        body.append("</form>\n</div>\n");
        return body.toString();
    }

    private void summary() {
        if (errors.isEmpty()) {
            return;
        }
        out.append("<div class=\"error-summary\" id=\"error-summary\" role=\"alert\" tabindex=\"-1\" ")
                .append("aria-labelledby=\"error-summary-title\">\n<h2 id=\"error-summary-title\">The case was not saved: ")
                .append(errors.size()).append(errors.size() == 1 ? " problem" : " problems").append(" to correct</h2>\n<ul>\n");
        for (Map.Entry<String, List<InputError>> entry : errorsAt.entrySet()) {
            for (InputError e : entry.getValue()) {
                String name = e.pointer().equals(REASON) ? "Reason for this change" : CaseForm.describe(e.pointer());
                out.append("<li><a href=\"#").append(Html.attr(id(entry.getKey()))).append("\">")
                        .append("<span class=\"error-field\">").append(Html.text(name)).append("</span>")
                        .append(e.pointer().isEmpty() || e.pointer().equals(REASON) ? ""
                                : " <code class=\"pointer\">" + Html.text(e.pointer()) + "</code>")
                        .append(": ").append(Html.text(e.message())).append("</a></li>\n");
            }
        }
        out.append("</ul>\n</div>\n");
    }

    private void warningSummary() {
        if (warnings.isEmpty()) {
            return;
        }
        out.append("<div class=\"warning-summary\" id=\"warning-summary\" role=\"alert\" aria-labelledby=\"warning-summary-title\">\n")
                .append("<h2 id=\"warning-summary-title\">Please check ").append(warnings.size() == 1 ? "this value" : "these values")
                .append(" before saving: ").append(warnings.size()).append(warnings.size() == 1 ? " warning" : " warnings")
                .append("</h2>\n<ul>\n");
        for (Map.Entry<String, List<InputError>> entry : warningsAt.entrySet()) {
            for (InputError w : entry.getValue()) {
                out.append("<li><a href=\"#").append(Html.attr(id(entry.getKey()))).append("\"><span class=\"warning-field\">")
                        .append(Html.text(CaseForm.describe(w.pointer()))).append("</span>: ").append(Html.text(w.message()))
                        .append("</a></li>\n");
            }
        }
        out.append("</ul>\n<p>Correct a value, or confirm below that ").append(warnings.size() == 1 ? "it is" : "they are")
                .append(" right and save again.</p>\n</div>\n");
    }

    /** The box that confirms the warnings shown; unticked whenever the page is shown. */
    private void confirmation() {
        if (warnings.isEmpty()) {
            return;
        }
        out.append("<div class=\"confirm-warnings\"><input type=\"checkbox\" id=\"f-confirm-warnings\" name=\"").append(CONFIRM)
                .append("\" value=\"").append(fingerprint(warnings)).append("\" aria-describedby=\"warning-summary-title\">")
                .append("<label for=\"f-confirm-warnings\">I have checked ").append(warnings.size() == 1 ? "the value" : "the values")
                .append(" with a warning: save ").append(warnings.size() == 1 ? "it" : "them").append(" as entered</label></div>\n");
    }

    /** Links to each section: quick keyboard access to a long form. */
    private void contents() {
        out.append("<nav class=\"form-sections\" aria-label=\"Sections of the case\"><ul>\n");
        out.append("<li><a href=\"#f-case\">").append(Html.text(CaseForm.layout().legend())).append("</a></li>\n");
        for (Part part : CaseForm.layout().parts()) {
            if (!(part instanceof Field)) {
                out.append("<li><a href=\"#").append(id(part.pattern())).append("\">")
                        .append(Html.text(legend(part))).append("</a></li>\n");
            }
        }
        out.append("</ul></nav>\n");
    }

    private static String legend(Part part) {
        if (part instanceof Group g) {
            return g.legend();
        }
        return part instanceof Repeat r ? r.legend() : ((Field) part).label();
    }

    private void reason() {
        List<InputError> mine = errorsAt.getOrDefault(REASON, List.of());
        out.append("<fieldset class=\"group section reason\"><legend>Change</legend>\n<div class=\"fields\">\n");
        out.append("<div class=\"field wide").append(mine.isEmpty() ? "" : " field-error").append("\">\n");
        out.append("<label for=\"").append(REASON_ID).append("\">Reason for this change</label>\n");
        out.append("<p class=\"hint\" id=\"").append(REASON_ID).append("-hint\">Kept in the case history, e.g. ")
                .append("“pathology report received”.</p>\n");
        errorText(REASON_ID, mine);
        out.append("<input type=\"text\" id=\"").append(REASON_ID).append("\" name=\"").append(REASON)
                .append("\" maxlength=\"500\" value=\"").append(Html.attr(values.getOrDefault(REASON, ""))).append('"');
        describedBy(REASON_ID, true, !mine.isEmpty());
        out.append(">\n</div>\n</div>\n</fieldset>\n");
    }

    // ---------------------------------------------------------------- parts

    /** Renders the parts of a group; the root's own fields go into a "Case" fieldset. */
    private void parts(Group group, String pointer) {
        boolean root = pointer.isEmpty();
        List<Part> fields = new ArrayList<>();
        for (Part part : group.parts()) {
            if (part instanceof Field) {
                fields.add(part);
            }
        }
        if (root) {
            rendered.add("");
            out.append("<fieldset class=\"group section\" id=\"f-case\"");
            groupDescribedBy("f-case", false, !errorsAt.getOrDefault("", List.of()).isEmpty());
            out.append(">\n<legend>").append(Html.text(group.legend())).append("</legend>\n");
            errorText("f-case", errorsAt.getOrDefault("", List.of()));
            fieldRun(fields, pointer);
            out.append("</fieldset>\n");
            for (Part part : group.parts()) {
                if (!(part instanceof Field)) {
                    part(part, "/" + last(part.pattern()), true);
                }
            }
            return;
        }
        List<Part> run = new ArrayList<>();
        for (Part part : group.parts()) {
            if (part instanceof Field) {
                run.add(part);
                continue;
            }
            fieldRun(run, pointer);
            run.clear();
            part(part, pointer + "/" + last(part.pattern()), false);
        }
        fieldRun(run, pointer);
    }

    private void fieldRun(List<Part> fields, String parent) {
        if (fields.isEmpty()) {
            return;
        }
        List<Field> visible = new ArrayList<>();
        for (Part p : fields) {
            Field f = (Field) p;
            if (f.kind() == Kind.CONSTANT) {
                hidden(f, parent + "/" + last(f.pattern()));
            } else {
                visible.add(f);
            }
        }
        if (visible.isEmpty()) {
            return;
        }
        out.append("<div class=\"fields\">\n");
        for (Field f : visible) {
            field(f, parent + "/" + last(f.pattern()), f.label());
        }
        out.append("</div>\n");
    }

    private void part(Part part, String pointer, boolean section) {
        if (part instanceof Group g) {
            group(g, pointer, g.legend(), section, false);
        } else if (part instanceof Repeat r) {
            repeat(r, pointer, section);
        }
    }

    private void group(Group g, String pointer, String legend, boolean section, boolean blank) {
        rendered.add(pointer);
        String id = id(pointer);
        List<InputError> mine = errorsAt.getOrDefault(pointer, List.of());
        out.append("<fieldset class=\"group").append(section ? " section" : "").append(blank ? " blank" : "")
                .append(mine.isEmpty() ? "" : " group-error").append("\" id=\"").append(id).append('"');
        groupDescribedBy(id, !g.hint().isEmpty(), !mine.isEmpty());
        out.append(">\n<legend>").append(Html.text(legend));
        if (blank) {
            out.append(" <span class=\"optional\">(blank: fill in only if needed)</span>");
        }
        out.append("</legend>\n");
        hint(id, g.hint());
        errorText(id, mine);
        parts(g, pointer);
        out.append("</fieldset>\n");
    }

    private void repeat(Repeat r, String pointer, boolean section) {
        rendered.add(pointer);
        String id = id(pointer);
        List<InputError> mine = errorsAt.getOrDefault(pointer, List.of());
        out.append("<fieldset class=\"repeat").append(section ? " section" : "")
                .append(mine.isEmpty() ? "" : " group-error").append("\" id=\"").append(id).append('"');
        groupDescribedBy(id, !r.hint().isEmpty(), !mine.isEmpty());
        out.append(">\n<legend>").append(Html.text(r.legend())).append("</legend>\n");
        hint(id, r.hint());
        errorText(id, mine);
        int existing = existing(pointer);
        if (r.item() instanceof Group item) {
            int slots = Math.max(existing + CaseForm.EXTRA_SLOTS, CaseForm.MIN_SLOTS);
            if (r.maxItems() > 0) {
                slots = Math.min(slots, Math.max(r.maxItems(), existing));
            }
            for (int i = 0; i < slots; i++) {
                group(item, pointer + "/" + i, item.legend() + " " + (i + 1), false, i >= existing);
            }
        } else if (r.item() instanceof Field item) {
            int slots = r.maxItems() > 0 ? Math.max(r.maxItems(), existing) : existing + CaseForm.EXTRA_SLOTS;
            out.append("<div class=\"fields\">\n");
            for (int i = 0; i < slots; i++) {
                field(item, pointer + "/" + i, CaseForm.numbered(item.label(), i + 1));
            }
            out.append("</div>\n");
        }
        out.append("</fieldset>\n");
    }

    /** How many items an array has in the values (and errors): one more than its highest index. */
    private int existing(String pointer) {
        List<String> names = new ArrayList<>(values.keySet());
        errors.forEach(e -> names.add(e.pointer()));
        int max = -1;
        for (int i : CaseForm.indexes(pointer, names)) {
            max = Math.max(max, i);
        }
        return max + 1;
    }

    // ---------------------------------------------------------------- fields

    private void hidden(Field f, String pointer) {
        String value = values.getOrDefault(pointer, f.options().isEmpty() ? "" : f.options().get(0));
        out.append("<input type=\"hidden\" name=\"").append(Html.attr(pointer)).append("\" value=\"")
                .append(Html.attr(value)).append("\">\n");
    }

    private void field(Field f, String pointer, String label) {
        rendered.add(pointer);
        String id = id(pointer);
        List<InputError> mine = errorsAt.getOrDefault(pointer, List.of());
        List<InputError> warned = warningsAt.getOrDefault(pointer, List.of());
        boolean invalid = !mine.isEmpty();
        String value = values.getOrDefault(pointer, "");
        if (f.kind() == Kind.CHOICES) {
            choices(f, pointer, id, label, value, mine);
            return;
        }
        out.append("<div class=\"field").append(invalid ? " field-error" : "").append(warned.isEmpty() ? "" : " field-warning")
                .append("\">\n");
        out.append("<label for=\"").append(id).append("\">").append(Html.text(label));
        required(f);
        out.append("</label>\n");
        hint(id, pointer.equals(CASE_ID) && storedCase ? "The id of a stored case does not change." : f.hint());
        errorText(id, mine);
        warningText(id, warned);
        switch (f.kind()) {
            case BOOLEAN:
                select(f, pointer, id, value, List.of("true", "false"), invalid);
                break;
            case CHOICE:
                select(f, pointer, id, value, f.options(), invalid);
                break;
            default:
                input(f, pointer, id, value, invalid);
                break;
        }
        out.append("</div>\n");
    }

    private void required(Field f) {
        if (f.required()) {
            out.append(" <span class=\"required\">required</span>");
        }
    }

    /**
     * One input. Numbers are text inputs with a decimal keyboard, so that the browser hands the text
     * typed ("4,5") to the server whatever its language (see {@link TypedNumber}), with the unit and
     * the accepted range written beside them.
     */
    private void input(Field f, String pointer, String id, String value, boolean invalid) {
        boolean number = f.kind() == Kind.INTEGER || f.kind() == Kind.NUMBER;
        if (number) {
            out.append("<div class=\"number\">");
        }
        out.append("<input id=\"").append(id).append("\" name=\"").append(Html.attr(pointer)).append('"');
        switch (f.kind()) {
            case INTEGER:
                out.append(" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\"");
                break;
            case NUMBER:
                out.append(" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\"");
                break;
            case DATE:
                out.append(" type=\"date\"");
                break;
            default:
                out.append(" type=\"text\" autocomplete=\"off\" spellcheck=\"false\"");
                break;
        }
        if (pointer.equals(CASE_ID) && storedCase) {
            out.append(" readonly aria-readonly=\"true\"");
        }
        out.append(" value=\"").append(Html.attr(value)).append('"');
        boolean hint = !f.hint().isEmpty() || pointer.equals(CASE_ID) && storedCase;
        if (number) {
            out.append(" aria-invalid=\"").append(invalid).append('"');
            out.append(" aria-describedby=\"").append(hint ? id + "-hint " : "").append(invalid ? id + "-error " : "")
                    .append(id).append("-unit\">");
            out.append("<span class=\"unit\" id=\"").append(id).append("-unit\">").append(Html.text(unitAndRange(f)))
                    .append("</span></div>\n");
            return;
        }
        describedBy(id, hint, invalid);
        out.append(">\n");
    }

    /**
     * What is written beside a number field: its unit from the one vocabulary and the range the
     * schema accepts, e.g. "cm, up to 60" (above 0), "years, 0 to 120", "whole number, 0 to 4".
     */
    static String unitAndRange(Field f) {
        String unit;
        try {
            unit = org.cavaplan.core.vocabulary.Vocabulary.unit(f.pattern()).orElse("");
        } catch (IllegalArgumentException unknown) {
            unit = "";
        }
        String range = f.min() != null && f.max() != null ? f.min().toPlainString() + " to " + f.max().toPlainString()
                : f.max() != null ? "up to " + f.max().toPlainString() : f.min() != null ? "from " + f.min().toPlainString() : "";
        if (unit.isEmpty() && f.min() != null && f.max() != null) {
            // a scale (ECOG, ASA, FNCLCC grade) is written with its name: "ECOG 0 to 4"
            String first = scaled(f, f.min());
            if (!first.equals(f.min().toPlainString())) {
                return first + " to " + f.max().toPlainString();
            }
        }
        if (unit.isEmpty()) {
            unit = f.kind() == Kind.INTEGER ? "whole number" : "";
        }
        return unit.isEmpty() ? range : range.isEmpty() ? unit : unit + ", " + range;
    }

    private void select(Field f, String pointer, String id, String value, List<String> options, boolean invalid) {
        out.append("<select id=\"").append(id).append("\" name=\"").append(Html.attr(pointer)).append('"');
        describedBy(id, !f.hint().isEmpty(), invalid);
        out.append(">\n<option value=\"\"").append(value.isEmpty() ? " selected" : "").append(">Not recorded</option>\n");
        boolean known = value.isEmpty();
        for (String option : options) {
            boolean selected = option.equals(value);
            known |= selected;
            out.append("<option value=\"").append(Html.attr(option)).append('"').append(selected ? " selected" : "")
                    .append('>').append(Html.text(optionLabel(f, option))).append("</option>\n");
        }
        if (!known) {
            // a value the schema does not know is shown as it was entered, so that it can be corrected
            out.append("<option value=\"").append(Html.attr(value)).append("\" selected>").append(Html.text(value))
                    .append(" (not a valid choice)</option>\n");
        }
        out.append("</select>\n");
    }

    private static String optionLabel(Field f, String option) {
        if (f.kind() == Kind.BOOLEAN) {
            return option.equals("true") ? "Yes" : "No";
        }
        return Labels.option(f.pattern(), option);
    }

    private void choices(Field f, String pointer, String id, String label, String value, List<InputError> mine) {
        List<String> ticked = value.isEmpty() ? List.of() : List.of(value.split(",", -1));
        out.append("<fieldset class=\"choices").append(mine.isEmpty() ? "" : " field-error").append("\" id=\"")
                .append(id).append('"');
        groupDescribedBy(id, !f.hint().isEmpty(), !mine.isEmpty());
        out.append(">\n<legend>").append(Html.text(label));
        required(f);
        out.append("</legend>\n");
        hint(id, f.hint());
        errorText(id, mine);
        if (!ticked.isEmpty() && !ticked.equals(List.of(CaseForm.NONE))) {
            out.append("<input type=\"hidden\" name=\"").append(Html.attr(CaseForm.ORDER_PREFIX + pointer))
                    .append("\" value=\"").append(Html.attr(value)).append("\">\n");
        }
        out.append("<div class=\"checks\">\n");
        List<String> options = new ArrayList<>(f.options());
        for (String t : ticked) {
            if (!options.contains(t) && !t.equals(CaseForm.NONE) && !t.isEmpty()) {
                options.add(t);
            }
        }
        options.add(CaseForm.NONE);
        for (String option : options) {
            String boxId = id + "-" + id("/" + option).substring(2);
            out.append("<div class=\"check").append(option.equals(CaseForm.NONE) ? " check-none" : "").append("\">")
                    .append("<input type=\"checkbox\" id=\"").append(Html.attr(boxId)).append("\" name=\"")
                    .append(Html.attr(pointer)).append("\" value=\"").append(Html.attr(option)).append('"')
                    .append(ticked.contains(option) ? " checked" : "")
                    .append(mine.isEmpty() ? "" : " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"").append('>')
                    .append("<label for=\"").append(Html.attr(boxId)).append("\">")
                    .append(Html.text(f.options().contains(option) || option.equals(CaseForm.NONE) ? Labels.option(f.pattern(), option)
                            : option + " (not a valid choice)"))
                    .append("</label></div>\n");
        }
        out.append("</div>\n</fieldset>\n");
    }

    // ---------------------------------------------------------------- hints and errors

    private void hint(String id, String hint) {
        if (!hint.isEmpty()) {
            out.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(Html.text(hint)).append("</p>\n");
        }
    }

    private static String scaled(Field f, java.math.BigDecimal value) {
        try {
            return org.cavaplan.core.vocabulary.Vocabulary.value(f.pattern(), value.intValue());
        } catch (IllegalArgumentException unknown) {
            return value.toPlainString();
        }
    }

    private void warningText(String id, List<InputError> mine) {
        if (mine.isEmpty()) {
            return;
        }
        out.append("<p class=\"warning-message\" id=\"").append(id).append("-warning\">");
        boolean first = true;
        for (InputError w : mine) {
            if (!first) {
                out.append("<br>");
            }
            first = false;
            out.append("<span class=\"visually-hidden\">Warning: </span>").append(Html.text(w.message()));
        }
        out.append("</p>\n");
    }

    private void errorText(String id, List<InputError> mine) {
        if (mine.isEmpty()) {
            return;
        }
        out.append("<p class=\"error-message\" id=\"").append(id).append("-error\">");
        boolean first = true;
        for (InputError e : mine) {
            if (!first) {
                out.append("<br>");
            }
            first = false;
            out.append("<span class=\"visually-hidden\">Error: </span>").append(Html.text(e.message()));
        }
        out.append("</p>\n");
    }

    private void describedBy(String id, boolean hint, boolean error) {
        if (error) {
            out.append(" aria-invalid=\"true\"");
        }
        groupDescribedBy(id, hint, error);
    }

    /** A fieldset points to its hint and errors; {@code aria-invalid} belongs to the controls inside. */
    private void groupDescribedBy(String id, boolean hint, boolean error) {
        if (hint || error) {
            out.append(" aria-describedby=\"").append(hint ? id + "-hint" : "").append(hint && error ? " " : "")
                    .append(error ? id + "-error" : "").append('"');
        }
    }

    private static String last(String pattern) {
        return pattern.substring(pattern.lastIndexOf('/') + 1);
    }
}

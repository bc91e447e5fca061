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
import org.cavaplan.server.web.CaseFormPage.Check;
import org.cavaplan.server.web.CaseFormPage.Choices;
import org.cavaplan.server.web.CaseFormPage.Confirmation;
import org.cavaplan.server.web.CaseFormPage.ConflictSection;
import org.cavaplan.server.web.CaseFormPage.Control;
import org.cavaplan.server.web.CaseFormPage.ErrorSummary;
import org.cavaplan.server.web.CaseFormPage.Fields;
import org.cavaplan.server.web.CaseFormPage.Fieldset;
import org.cavaplan.server.web.CaseFormPage.Hidden;
import org.cavaplan.server.web.CaseFormPage.Hint;
import org.cavaplan.server.web.CaseFormPage.Input;
import org.cavaplan.server.web.CaseFormPage.Item;
import org.cavaplan.server.web.CaseFormPage.Link;
import org.cavaplan.server.web.CaseFormPage.Messages;
import org.cavaplan.server.web.CaseFormPage.Option;
import org.cavaplan.server.web.CaseFormPage.Reason;
import org.cavaplan.server.web.CaseFormPage.Select;
import org.cavaplan.server.web.CaseFormPage.SummaryItem;
import org.cavaplan.server.web.CaseFormPage.WarningSummary;
import org.cavaplan.server.web.CaseFormPage.Widget;

/**
 * The case form's content ({@link CaseFormPage}, written by {@code form.jte}): one fieldset per step
 * of the pathway (from the case schema's structure, see {@link CaseForm}), every control with a
 * {@code <label for>}, an error summary on top linking to each field in error, and each error
 * repeated next to its field (linked with {@code aria-describedby}, marked {@code aria-invalid}). An
 * error whose pointer is not a field (a missing section, a check on a whole list) is shown next to
 * the closest enclosing group. The template escapes every value and message; it writes no inline
 * style or script.
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

    private CaseFormView(Map<String, String> values, List<InputError> errors, List<InputError> warnings, boolean storedCase) {
        this.values = values;
        this.errors = errors;
        this.warnings = warnings;
        this.storedCase = storedCase;
    }

    /**
     * The form page. {@code frame}: its title is the page's heading, its token the anti-forgery
     * field's value; {@code action}: where it posts; {@code values}: field values by pointer (from
     * {@link CaseForm#values}, plus {@value #REASON} to keep a reason typed before an error and
     * {@value #BASE} for the version an edit was opened on); {@code errors}: problems to show, by JSON
     * pointer; {@code warnings}: plausibility warnings to confirm (shown beside their fields, with a
     * box {@value #CONFIRM} that must be ticked to save them as entered); {@code storedCase}: the case
     * id is shown read-only; {@code conflict}: the comparison shown above the form after a save that
     * found a newer version (null: none).
     */
    public static CaseFormPage page(Frame frame, String action, Map<String, String> values, List<InputError> errors,
            List<InputError> warnings, boolean storedCase, ConflictSection conflict) {
        Map<String, String> v = values == null ? Map.of() : values;
        List<InputError> e = errors == null ? List.of() : List.copyOf(errors);
        List<InputError> w = warnings == null ? List.of() : List.copyOf(warnings);
        // a first pass learns which pointers have a place on the page, so that each error finds one
        CaseFormView dry = new CaseFormView(v, e, w, storedCase);
        dry.fieldsets(CaseForm.layout(), "");
        CaseFormView view = new CaseFormView(v, e, w, storedCase);
        for (InputError error : e) {
            view.errorsAt.computeIfAbsent(dry.closest(error.pointer()), k -> new ArrayList<>()).add(error);
        }
        for (InputError warning : w) {
            view.warningsAt.computeIfAbsent(dry.closest(warning.pointer()), k -> new ArrayList<>()).add(warning);
        }
        return view.page(frame, action, conflict);
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

    private CaseFormPage page(Frame frame, String action, ConflictSection conflict) {
        List<Fieldset> fieldsets = fieldsets(CaseForm.layout(), "");
        return new CaseFormPage(frame, action, values.get(BASE), conflict, summary(), warningSummary(), contents(),
                CaseForm.layout().hint(), fieldsets, reason(), confirmation());
    }

    private ErrorSummary summary() {
        if (errors.isEmpty()) {
            return null;
        }
        List<SummaryItem> items = new ArrayList<>();
        for (Map.Entry<String, List<InputError>> entry : errorsAt.entrySet()) {
            for (InputError e : entry.getValue()) {
                String name = e.pointer().equals(REASON) ? "Reason for this change" : CaseForm.describe(e.pointer());
                String pointer = e.pointer().isEmpty() || e.pointer().equals(REASON) ? null : e.pointer();
                items.add(new SummaryItem("#" + id(entry.getKey()), name, pointer, e.message()));
            }
        }
        return new ErrorSummary("The case was not saved: " + errors.size() + (errors.size() == 1 ? " problem" : " problems")
                + " to correct", items);
    }

    private WarningSummary warningSummary() {
        if (warnings.isEmpty()) {
            return null;
        }
        boolean one = warnings.size() == 1;
        List<SummaryItem> items = new ArrayList<>();
        for (Map.Entry<String, List<InputError>> entry : warningsAt.entrySet()) {
            for (InputError w : entry.getValue()) {
                items.add(new SummaryItem("#" + id(entry.getKey()), CaseForm.describe(w.pointer()), null, w.message()));
            }
        }
        return new WarningSummary("Please check " + (one ? "this value" : "these values") + " before saving: " + warnings.size()
                + (one ? " warning" : " warnings"), items,
                "Correct a value, or confirm below that " + (one ? "it is" : "they are") + " right and save again.");
    }

    /** The box that confirms the warnings shown; unticked whenever the page is shown. */
    private Confirmation confirmation() {
        if (warnings.isEmpty()) {
            return null;
        }
        boolean one = warnings.size() == 1;
        return new Confirmation(CONFIRM, fingerprint(warnings), "I have checked " + (one ? "the value" : "the values")
                + " with a warning: save " + (one ? "it" : "them") + " as entered");
    }

    /** Links to each section: quick keyboard access to a long form. */
    private static List<Link> contents() {
        List<Link> links = new ArrayList<>();
        links.add(new Link("#f-case", CaseForm.layout().legend()));
        for (Part part : CaseForm.layout().parts()) {
            if (!(part instanceof Field)) {
                links.add(new Link("#" + id(part.pattern()), legend(part)));
            }
        }
        return links;
    }

    private static String legend(Part part) {
        if (part instanceof Group g) {
            return g.legend();
        }
        return part instanceof Repeat r ? r.legend() : ((Field) part).label();
    }

    private Reason reason() {
        List<InputError> mine = errorsAt.getOrDefault(REASON, List.of());
        return new Reason("field wide" + (mine.isEmpty() ? "" : " field-error"), REASON, values.getOrDefault(REASON, ""),
                !mine.isEmpty(), describedBy(REASON_ID, true, !mine.isEmpty()), errorText(REASON_ID, mine));
    }

    // ---------------------------------------------------------------- parts

    /** The root's own fields in a "Case" fieldset, then one fieldset per section. */
    private List<Fieldset> fieldsets(Group root, String pointer) {
        List<Part> fields = new ArrayList<>();
        for (Part part : root.parts()) {
            if (part instanceof Field) {
                fields.add(part);
            }
        }
        rendered.add("");
        List<Fieldset> out = new ArrayList<>();
        List<InputError> mine = errorsAt.getOrDefault("", List.of());
        List<Item> items = new ArrayList<>();
        fieldRun(items, fields, pointer);
        out.add(new Fieldset("group section", "f-case", describedBy("f-case", false, !mine.isEmpty()), root.legend(), false,
                null, errorText("f-case", mine), items));
        for (Part part : root.parts()) {
            if (!(part instanceof Field)) {
                out.add(part(part, "/" + last(part.pattern()), true));
            }
        }
        return out;
    }

    /** The parts of a group below the root: runs of fields between its nested fieldsets. */
    private List<Item> parts(Group group, String pointer) {
        List<Item> items = new ArrayList<>();
        List<Part> run = new ArrayList<>();
        for (Part part : group.parts()) {
            if (part instanceof Field) {
                run.add(part);
                continue;
            }
            fieldRun(items, run, pointer);
            run.clear();
            items.add(part(part, pointer + "/" + last(part.pattern()), false));
        }
        fieldRun(items, run, pointer);
        return items;
    }

    /** Constant fields as hidden values, then the visible ones side by side. */
    private void fieldRun(List<Item> items, List<Part> fields, String parent) {
        List<Control> visible = new ArrayList<>();
        for (Part p : fields) {
            Field f = (Field) p;
            String pointer = parent + "/" + last(f.pattern());
            if (f.kind() == Kind.CONSTANT) {
                items.add(new Hidden(pointer, values.getOrDefault(pointer, f.options().isEmpty() ? "" : f.options().get(0))));
            } else {
                visible.add(field(f, pointer, f.label()));
            }
        }
        if (!visible.isEmpty()) {
            items.add(new Fields(visible));
        }
    }

    private Fieldset part(Part part, String pointer, boolean section) {
        if (part instanceof Group g) {
            return group(g, pointer, g.legend(), section, false);
        }
        return repeat((Repeat) part, pointer, section);
    }

    private Fieldset group(Group g, String pointer, String legend, boolean section, boolean blank) {
        rendered.add(pointer);
        String id = id(pointer);
        List<InputError> mine = errorsAt.getOrDefault(pointer, List.of());
        String cssClass = "group" + (section ? " section" : "") + (blank ? " blank" : "") + (mine.isEmpty() ? "" : " group-error");
        String describedBy = describedBy(id, !g.hint().isEmpty(), !mine.isEmpty());
        Hint hint = hint(id, g.hint());
        Messages errorText = errorText(id, mine);
        return new Fieldset(cssClass, id, describedBy, legend, blank, hint, errorText, parts(g, pointer));
    }

    private Fieldset repeat(Repeat r, String pointer, boolean section) {
        rendered.add(pointer);
        String id = id(pointer);
        List<InputError> mine = errorsAt.getOrDefault(pointer, List.of());
        String cssClass = "repeat" + (section ? " section" : "") + (mine.isEmpty() ? "" : " group-error");
        List<Item> items = new ArrayList<>();
        int existing = existing(pointer);
        if (r.item() instanceof Group item) {
            int slots = Math.max(existing + CaseForm.EXTRA_SLOTS, CaseForm.MIN_SLOTS);
            if (r.maxItems() > 0) {
                slots = Math.min(slots, Math.max(r.maxItems(), existing));
            }
            for (int i = 0; i < slots; i++) {
                items.add(group(item, pointer + "/" + i, item.legend() + " " + (i + 1), false, i >= existing));
            }
        } else if (r.item() instanceof Field item) {
            int slots = r.maxItems() > 0 ? Math.max(r.maxItems(), existing) : existing + CaseForm.EXTRA_SLOTS;
            List<Control> controls = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                controls.add(field(item, pointer + "/" + i, CaseForm.numbered(item.label(), i + 1)));
            }
            items.add(new Fields(controls));
        }
        return new Fieldset(cssClass, id, describedBy(id, !r.hint().isEmpty(), !mine.isEmpty()), r.legend(), false,
                hint(id, r.hint()), errorText(id, mine), items);
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

    private Control field(Field f, String pointer, String label) {
        rendered.add(pointer);
        String id = id(pointer);
        List<InputError> mine = errorsAt.getOrDefault(pointer, List.of());
        List<InputError> warned = warningsAt.getOrDefault(pointer, List.of());
        boolean invalid = !mine.isEmpty();
        String value = values.getOrDefault(pointer, "");
        if (f.kind() == Kind.CHOICES) {
            return choices(f, pointer, id, label, value, mine);
        }
        String cssClass = "field" + (invalid ? " field-error" : "") + (warned.isEmpty() ? "" : " field-warning");
        Hint hint = hint(id, pointer.equals(CASE_ID) && storedCase ? "The id of a stored case does not change." : f.hint());
        Widget widget = switch (f.kind()) {
            case BOOLEAN -> select(f, pointer, id, value, List.of("true", "false"), invalid);
            case CHOICE -> select(f, pointer, id, value, f.options(), invalid);
            default -> input(f, pointer, id, value, invalid);
        };
        return new CaseFormPage.Field(cssClass, id, label, f.required(), hint, errorText(id, mine), warningText(id, warned),
                widget);
    }

    /**
     * One input. Numbers are text inputs with a decimal keyboard, so that the browser hands the text
     * typed ("4,5") to the server whatever its language (see {@link TypedNumber}), with the unit and
     * the accepted range written beside them.
     */
    private Input input(Field f, String pointer, String id, String value, boolean invalid) {
        boolean readonly = pointer.equals(CASE_ID) && storedCase;
        boolean hint = !f.hint().isEmpty() || readonly;
        return switch (f.kind()) {
            case INTEGER, NUMBER -> new Input(id, pointer, "text", f.kind() == Kind.INTEGER ? "numeric" : "decimal", "off", null,
                    readonly, value, Boolean.toString(invalid), (hint ? id + "-hint " : "") + (invalid ? id + "-error " : "")
                            + id + "-unit", unitAndRange(f));
            case DATE -> new Input(id, pointer, "date", null, null, null, readonly, value, invalid ? "true" : null,
                    describedBy(id, hint, invalid), null);
            default -> new Input(id, pointer, "text", null, "off", "false", readonly, value, invalid ? "true" : null,
                    describedBy(id, hint, invalid), null);
        };
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

    private Select select(Field f, String pointer, String id, String value, List<String> options, boolean invalid) {
        List<Option> shown = new ArrayList<>();
        shown.add(new Option("", value.isEmpty(), "Not recorded"));
        boolean known = value.isEmpty();
        for (String option : options) {
            boolean selected = option.equals(value);
            known |= selected;
            shown.add(new Option(option, selected, optionLabel(f, option)));
        }
        if (!known) {
            // a value the schema does not know is shown as it was entered, so that it can be corrected
            shown.add(new Option(value, true, value + " (not a valid choice)"));
        }
        return new Select(id, pointer, invalid, describedBy(id, !f.hint().isEmpty(), invalid), shown);
    }

    private static String optionLabel(Field f, String option) {
        if (f.kind() == Kind.BOOLEAN) {
            return option.equals("true") ? "Yes" : "No";
        }
        return Labels.option(f.pattern(), option);
    }

    private Choices choices(Field f, String pointer, String id, String label, String value, List<InputError> mine) {
        List<String> ticked = value.isEmpty() ? List.of() : List.of(value.split(",", -1));
        Hidden order = !ticked.isEmpty() && !ticked.equals(List.of(CaseForm.NONE))
                ? new Hidden(CaseForm.ORDER_PREFIX + pointer, value) : null;
        List<String> options = new ArrayList<>(f.options());
        for (String t : ticked) {
            if (!options.contains(t) && !t.equals(CaseForm.NONE) && !t.isEmpty()) {
                options.add(t);
            }
        }
        options.add(CaseForm.NONE);
        List<Check> checks = new ArrayList<>();
        for (String option : options) {
            String boxId = id + "-" + id("/" + option).substring(2);
            String text = f.options().contains(option) || option.equals(CaseForm.NONE) ? Labels.option(f.pattern(), option)
                    : option + " (not a valid choice)";
            checks.add(new Check(option.equals(CaseForm.NONE) ? "check check-none" : "check", boxId, pointer, option,
                    ticked.contains(option), mine.isEmpty() ? null : id + "-error", text));
        }
        return new Choices("choices" + (mine.isEmpty() ? "" : " field-error"), id,
                describedBy(id, !f.hint().isEmpty(), !mine.isEmpty()), label, f.required(), hint(id, f.hint()),
                errorText(id, mine), order, checks);
    }

    // ---------------------------------------------------------------- hints and errors

    private static Hint hint(String id, String hint) {
        return hint.isEmpty() ? null : new Hint(id + "-hint", hint);
    }

    private static String scaled(Field f, java.math.BigDecimal value) {
        try {
            return org.cavaplan.core.vocabulary.Vocabulary.value(f.pattern(), value.intValue());
        } catch (IllegalArgumentException unknown) {
            return value.toPlainString();
        }
    }

    private static Messages warningText(String id, List<InputError> mine) {
        return mine.isEmpty() ? null
                : new Messages("warning-message", id + "-warning", "Warning: ", mine.stream().map(InputError::message).toList());
    }

    private static Messages errorText(String id, List<InputError> mine) {
        return mine.isEmpty() ? null
                : new Messages("error-message", id + "-error", "Error: ", mine.stream().map(InputError::message).toList());
    }

    /** The ids of an element's hint and errors, or null when it has neither. */
    private static String describedBy(String id, boolean hint, boolean error) {
        if (!hint && !error) {
            return null;
        }
        return (hint ? id + "-hint" : "") + (hint && error ? " " : "") + (error ? id + "-error" : "");
    }

    private static String last(String pattern) {
        return pattern.substring(pattern.lastIndexOf('/') + 1);
    }
}

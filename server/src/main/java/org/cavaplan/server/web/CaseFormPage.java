package org.cavaplan.server.web;

import java.util.List;

/**
 * The case form page ({@code form.jte}): everything the template writes, decided and worded by
 * {@link CaseFormView} (which field goes in which fieldset, where each error and warning is shown,
 * which ids a control points to). The template only writes it out. A null part is not shown.
 *
 * <p>{@code action}: where the form posts; {@code base}: the version the form was opened on (hidden
 * field {@value CaseFormView#BASE}, null for a new case); {@code conflict}: the comparison shown above
 * the form when a save found a newer version (409); {@code fieldsets}: the case, section by section;
 * {@code confirmation}: the box that confirms the plausibility warnings shown.
 */
public record CaseFormPage(Frame frame, String action, String base, ConflictSection conflict, ErrorSummary errorSummary,
        WarningSummary warningSummary, List<Link> sections, String formNote, List<Fieldset> fieldsets, Reason reason,
        Confirmation confirmation) {

    public CaseFormPage {
        sections = List.copyOf(sections);
        fieldsets = List.copyOf(fieldsets);
    }

    /** The page's heading: the frame's title ("New case", "Edit case …"). */
    public String title() {
        return frame.title();
    }

    /** The name of the hidden field holding the version the form was opened on. */
    public String baseField() {
        return CaseFormView.BASE;
    }

    /** A link to a place on the page. */
    public record Link(String href, String text) {}

    /** The errors on top of the form: "The case was not saved: 2 problems to correct". */
    public record ErrorSummary(String heading, List<SummaryItem> items) {
        public ErrorSummary {
            items = List.copyOf(items);
        }
    }

    /** The warnings on top of the form, with what to do about them. */
    public record WarningSummary(String heading, List<SummaryItem> items, String advice) {
        public WarningSummary {
            items = List.copyOf(items);
        }
    }

    /** One error or warning in a summary: a link to where it is shown, the field in words, its pointer (null: not shown). */
    public record SummaryItem(String href, String field, String pointer, String message) {}

    /** A hint under a label or legend, with the id controls point to. */
    public record Hint(String id, String text) {}

    /**
     * The errors or warnings shown at one place: {@code cssClass} {@code error-message} or
     * {@code warning-message}, {@code prefix} read out by screen readers only ("Error: ").
     */
    public record Messages(String cssClass, String id, String prefix, List<String> texts) {
        public Messages {
            texts = List.copyOf(texts);
        }
    }

    /** What a fieldset holds, in order. */
    public sealed interface Item permits Fieldset, Hidden, Fields {}

    /**
     * A group of fields, a repeated part, or one item of it. {@code blank}: an empty item offered for
     * a new entry; {@code describedBy}: the ids of its hint and errors (null: none).
     */
    public record Fieldset(String cssClass, String id, String describedBy, String legend, boolean blank, Hint hint,
            Messages errors, List<Item> items) implements Item {
        public Fieldset {
            items = List.copyOf(items);
        }
    }

    /** A value sent as it is (the schema version, the order of a set of choices). */
    public record Hidden(String name, String value) implements Item {}

    /** A run of fields side by side. */
    public record Fields(List<Control> controls) implements Item {
        public Fields {
            controls = List.copyOf(controls);
        }
    }

    /** One field: a labelled input or list, or a set of boxes to tick. */
    public sealed interface Control permits Field, Choices {}

    /** A labelled input or list, with its hint, errors and warnings. */
    public record Field(String cssClass, String id, String label, boolean required, Hint hint, Messages errors,
            Messages warnings, Widget widget) implements Control {}

    /** The control of a {@link Field}. */
    public sealed interface Widget permits Input, Select {}

    /**
     * An input. {@code inputmode}, {@code autocomplete}, {@code spellcheck}, {@code ariaInvalid} and
     * {@code describedBy} null when left out; {@code unit}: the unit and range written beside a number
     * (null: not a number).
     */
    public record Input(String id, String name, String type, String inputmode, String autocomplete, String spellcheck,
            boolean readonly, String value, String ariaInvalid, String describedBy, String unit) implements Widget {

        public boolean number() {
            return unit != null;
        }

        public String unitId() {
            return id + "-unit";
        }
    }

    /** A list to choose one from, "Not recorded" first. */
    public record Select(String id, String name, boolean invalid, String describedBy, List<Option> options) implements Widget {
        public Select {
            options = List.copyOf(options);
        }
    }

    public record Option(String value, boolean selected, String label) {}

    /** A set of boxes to tick, "none found" last; {@code order}: the recorded order of the ticked ones (null: none). */
    public record Choices(String cssClass, String id, String describedBy, String legend, boolean required, Hint hint,
            Messages errors, Hidden order, List<Check> checks) implements Control {
        public Choices {
            checks = List.copyOf(checks);
        }
    }

    /** One box; {@code errorId}: the errors it points to (null: none, the box is not marked invalid). */
    public record Check(String cssClass, String id, String name, String value, boolean checked, String errorId, String label) {}

    /** The "reason for this change" field, kept in the case history. */
    public record Reason(String cssClass, String name, String value, boolean invalid, String describedBy, Messages errors) {}

    /** The box that confirms the warnings shown: its value names them ({@link CaseFormView#fingerprint}). */
    public record Confirmation(String name, String value, String label) {}

    /**
     * A save based on a version that is no longer the latest: who saved the latest and when, and the
     * fields where the submitted form and the latest differ ({@code rows}, empty: none).
     * {@code basedOn}: the sentence saying which version was edited.
     */
    public record ConflictSection(String basedOn, String latest, String author, String when, String reason, String caption,
            String currentHeading, List<ConflictRow> rows, String discardHref) {
        public ConflictSection {
            rows = List.copyOf(rows);
        }
    }

    /** One field that differs, in words; {@code bothChanged}: both editors changed it (marked for checking). */
    public record ConflictRow(String field, String yours, String current, String inTheForm, boolean bothChanged) {}
}

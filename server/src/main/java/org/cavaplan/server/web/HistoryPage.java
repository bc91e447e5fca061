package org.cavaplan.server.web;

import java.util.List;

/**
 * The history page of one case ({@code history.jte}), decided and worded by {@link HistoryView}:
 * every version, the form that picks two of them (null with fewer than two versions), and what
 * differs between the two picked.
 */
public record HistoryPage(Frame frame, String caseId, List<VersionRow> versions, Picker picker, Diff diff) {

    public HistoryPage {
        versions = List.copyOf(versions);
    }

    /**
     * One version: {@code href} opens its plan, {@code datetime} is the machine-readable time of
     * {@code recorded}; {@code change} and {@code retired} in words.
     */
    public record VersionRow(String href, int version, String datetime, String recorded, String author, String change,
            String reason, boolean retired, String retiredWords) {}

    /** A GET form to {@code action} comparing version {@code left} with {@code right}. */
    public record Picker(String action, List<Integer> versions, int left, int right) {
        public Picker {
            versions = List.copyOf(versions);
        }
    }

    /**
     * The comparison: a {@code title}, then a {@code note} (e.g. "Pick two versions to compare.") or
     * an {@code error}, or the {@code count} of differing fields and the {@code changes} line by line
     * (null parts are not shown).
     */
    public record Diff(String title, String note, String error, String count, List<Change> changes) {
        public Diff {
            changes = List.copyOf(changes);
        }
    }

    /** One line of the comparison; {@code cssClass} says added, removed or changed, {@code pointer} is hover text. */
    public sealed interface Change permits WholeItem, FieldChange {
        String cssClass();

        String pointer();
    }

    /** A study or visit added or removed as a whole: {@code where} "added" or "removed" ({@code word}): what it held. */
    public record WholeItem(String cssClass, String pointer, String where, String word, Value held) implements Change {}

    /**
     * One field from {@code before} to {@code after}; {@code where}: the section or item it belongs to
     * (null for a top-level field, then {@code field} is written as it is).
     */
    public record FieldChange(String cssClass, String pointer, String where, String field, Value before, Value after)
            implements Change {}

    /** A value in words; {@code cssClass} says before or after, and absent when nothing was recorded. */
    public record Value(String cssClass, String words) {}
}

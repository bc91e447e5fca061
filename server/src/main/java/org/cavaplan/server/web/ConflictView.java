package org.cavaplan.server.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.server.web.CaseForm.Field;
import org.cavaplan.server.web.CaseForm.Kind;
import org.cavaplan.server.web.CaseForm.Labels;

/**
 * A form save that was based on a version that is no longer the latest: what the user submitted
 * against the latest version, field by field in clinical words, and a form to re-apply the user's
 * changes on the latest version ({@link CaseFormPage.ConflictSection}, shown by the form page above the
 * form). Nothing is saved until the user sends that form. Field values are those of
 * {@link CaseForm#values}: pointer to text.
 */
final class ConflictView {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ConflictView() {}

    /**
     * One field where the submitted form and the latest version differ. {@code yours} and
     * {@code current} are field values (empty when not recorded); {@code yoursChanged} when the user
     * changed the field from the version they opened, {@code bothChanged} when the latest version
     * changed it too.
     */
    record Difference(String pointer, String yours, String current, boolean yoursChanged, boolean bothChanged) {}

    /** The comparison of a stale save: the differences, and the values to re-apply (the latest version with the user's changes). */
    record Merge(List<Difference> differences, Map<String, String> reapplied) {
        Merge {
            differences = List.copyOf(differences);
            reapplied = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reapplied));
        }
    }

    /**
     * Compares the submitted values ({@code yours}) with the latest version's ({@code current}). The
     * user's changes are the fields where {@code yours} differs from the version the form was opened on
     * ({@code base}); without it (the form named no version), every field where the two differ.
     */
    static Merge merge(Optional<Map<String, String>> base, Map<String, String> yours, Map<String, String> current) {
        TreeSet<String> pointers = new TreeSet<>(ConflictView::byPosition);
        for (Map<String, String> m : List.of(yours, current, base.orElse(Map.of()))) {
            m.keySet().stream().filter(k -> k.startsWith("/")).forEach(pointers::add);
        }
        Map<String, String> reapplied = new LinkedHashMap<>(current);
        List<Difference> differences = new ArrayList<>();
        for (String p : pointers) {
            String mine = yours.getOrDefault(p, "");
            String now = current.getOrDefault(p, "");
            boolean changed = base.isPresent() ? !mine.equals(base.get().getOrDefault(p, "")) : !mine.equals(now);
            boolean theirs = base.isPresent() && !now.equals(base.get().getOrDefault(p, ""));
            if (changed) {
                if (mine.isEmpty()) {
                    reapplied.remove(p);
                } else {
                    reapplied.put(p, mine);
                }
            }
            if (!mine.equals(now)) {
                differences.add(new Difference(p, mine, now, changed, changed && theirs));
            }
        }
        return new Merge(differences, reapplied);
    }

    /** Pointers in the order of the case ({@code /imaging/2/…} before {@code /imaging/10/…}). */
    private static int byPosition(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                boolean nx = x[i].matches("\\d+");
                boolean ny = y[i].matches("\\d+");
                return nx && ny ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /**
     * The section above the re-apply form: who wrote the latest version and when, and every
     * difference side by side. {@code basedOn} is the version the form was opened on (empty when it
     * named none).
     */
    static CaseFormPage.ConflictSection section(String caseId, Optional<Integer> basedOn, CaseVersion current, Merge merge) {
        String who = current.author();
        String latest = "version " + current.version();
        List<CaseFormPage.ConflictRow> rows = new ArrayList<>();
        for (Difference d : merge.differences()) {
            rows.add(new CaseFormPage.ConflictRow(CaseForm.describe(d.pointer()), words(d.pointer(), d.yours()),
                    words(d.pointer(), d.current()), d.bothChanged() ? "Yours; " + who + " changed it too: check it"
                            : d.yoursChanged() ? "Yours (you changed it)" : "Version " + current.version()
                                    + "'s (you did not change it)", d.bothChanged()));
        }
        int n = rows.size();
        return new CaseFormPage.ConflictSection(
                basedOn.map(v -> "You edited version " + v + ".").orElse("Your form did not say which version it was opened on."),
                latest, who, WHEN.format(current.recordedAt()), current.reason(),
                n + (n == 1 ? " field differs" : " fields differ") + " between your form and " + latest,
                "Version " + current.version() + " by " + who, rows, "/cases/" + WebPages.encode(caseId));
    }

    /** A field value in words: choices by their clinical names, yes/no, "not recorded" for nothing. */
    static String words(String pointer, String value) {
        if (value == null || value.isEmpty()) {
            return "not recorded";
        }
        Optional<CaseForm.Part> part = CaseForm.part(pointer);
        if (part.isEmpty() || !(part.get() instanceof Field f)) {
            return value;
        }
        if (f.kind() == Kind.BOOLEAN) {
            return value.equals("true") ? "Yes" : value.equals("false") ? "No" : value;
        }
        if (f.kind() == Kind.CHOICE) {
            return f.options().contains(value) ? Labels.option(f.pattern(), value) : value;
        }
        if (f.kind() == Kind.CHOICES) {
            List<String> names = new ArrayList<>();
            for (String item : value.split(",", -1)) {
                names.add(f.options().contains(item) || Objects.equals(item, CaseForm.NONE) ? Labels.option(f.pattern(), item)
                        : item);
            }
            return String.join(", ", names);
        }
        if (f.kind() == Kind.NUMBER || f.kind() == Kind.INTEGER) {
            try {
                return Vocabulary.unit(f.pattern()).map(unit -> value + " " + unit).orElse(value);
            } catch (IllegalArgumentException unknown) {
                return value;
            }
        }
        return value;
    }
}

package org.cavaplan.knowledge;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * Checks of a valid case against what a person entering it most likely meant, shared by the web
 * form, the API and the import. Two kinds of finding, each with the JSON pointer of the field and a
 * message in clinical words:
 * <ul>
 *   <li><b>errors</b>, never stored: a date after today; metastatic sites recorded at a visit that
 *       counts no metastasis;</li>
 *   <li><b>warnings</b>, stored once the user confirms them (a real value is never blocked): a tumor
 *       diameter that changes by more than a factor ({@code plausibility.sizeChangeFactor}, 2)
 *       between studies less than a number of days apart ({@code plausibility.sizeChangeWithinDays},
 *       90), and a diameter above {@code plausibility.millimetresAboveCm} (30 cm), which looks like
 *       millimetres typed as centimetres. The three numbers are assumptions of the knowledge base,
 *       changed like the others ({@code --assumption NAME=VALUE}).</li>
 * </ul>
 * Pure: today is passed in. Thread-safe and immutable.
 */
public final class Plausibility {

    /** One finding: the JSON pointer of the field and what is wrong or unusual, in clinical words. */
    public record Finding(String pointer, String message) {
        public Finding {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(message, "message");
        }
    }

    /** What the checks found; both lists are sorted by pointer and may be empty. */
    public record Findings(List<Finding> errors, List<Finding> warnings) {
        public Findings {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        /** True when nothing was found. */
        public boolean isEmpty() {
            return errors.isEmpty() && warnings.isEmpty();
        }
    }

    private final double factor;
    private final int withinDays;
    private final double millimetresAboveCm;

    private Plausibility(Settings settings) {
        this.factor = settings.get(Thresholds.SIZE_CHANGE_FACTOR);
        this.withinDays = settings.whole(Thresholds.SIZE_CHANGE_WITHIN_DAYS);
        this.millimetresAboveCm = settings.get(Thresholds.MILLIMETRES_ABOVE_CM);
    }

    /** The checks with the published assumptions. */
    public static Plausibility create() {
        return new Plausibility(Settings.defaults());
    }

    /** The checks with a center's assumptions. */
    public static Plausibility create(Settings settings) {
        return new Plausibility(Objects.requireNonNull(settings, "settings"));
    }

    /** The findings for {@code kase} as entered on {@code today} (the caller's date, in its time zone). */
    public Findings check(Case kase, LocalDate today) {
        Objects.requireNonNull(today, "today");
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        futureDates(kase, today, errors);
        metastases(kase, errors);
        millimetres(kase, warnings);
        sizeChanges(kase, warnings);
        return new Findings(sorted(errors), sorted(warnings));
    }

    // ---------------------------------------------------------------- errors

    private static void futureDates(Case kase, LocalDate today, List<Finding> out) {
        for (ImagingStudy s : kase.imaging()) {
            future(s.pointer("date"), s.date(), today, out);
        }
        kase.neoadjuvant().flatMap(Neoadjuvant::radiotherapy).flatMap(Neoadjuvant.Radiotherapy::endDate)
                .ifPresent(d -> future("/neoadjuvant/radiotherapy/endDate", d, today, out));
        kase.neoadjuvant().flatMap(Neoadjuvant::chemotherapy).flatMap(Neoadjuvant.Chemotherapy::endDate)
                .ifPresent(d -> future("/neoadjuvant/chemotherapy/endDate", d, today, out));
        kase.operation().ifPresent(op -> future("/operation/date", op.date(), today, out));
        for (FollowUp v : kase.followUp()) {
            future(v.pointer("date"), v.date(), today, out);
        }
        kase.outcome().ifPresent(o -> future("/outcome/lastContactDate", o.lastContactDate(), today, out));
    }

    private static void future(String pointer, LocalDate date, LocalDate today, List<Finding> out) {
        if (date.isAfter(today)) {
            out.add(new Finding(pointer, "is " + date + ", after today (" + today + "): a date cannot lie in the future"));
        }
    }

    private static void metastases(Case kase, List<Finding> out) {
        for (FollowUp v : kase.followUp()) {
            if (v.recordsDistantMetastases() && v.metastasisCount().orElse(-1) == 0) {
                out.add(new Finding(v.pointer("distantMetastases"), "lists " + sites(v.distantMetastases().orElseThrow())
                        + " while the number of metastases is 0: correct one of the two"));
            }
        }
    }

    private static String sites(Set<Site> sites) {
        List<String> words = sites.stream().sorted()
                .map(s -> Vocabulary.value("/followUp/*/distantMetastases", s.name())).toList();
        return String.join(", ", words);
    }

    // ---------------------------------------------------------------- warnings

    private void millimetres(Case kase, List<Finding> out) {
        for (ImagingStudy s : kase.imaging()) {
            List<Double> d = s.tumorDiametersCm();
            for (int i = 0; i < d.size(); i++) {
                millimetre(s.pointer("tumorDiametersCm/" + i), d.get(i), out);
            }
        }
        kase.pathology().flatMap(p -> p.maxDiameterCm()).ifPresent(d -> millimetre("/pathology/maxDiameterCm", d, out));
    }

    private void millimetre(String pointer, double cm, List<Finding> out) {
        if (cm > millimetresAboveCm) {
            out.add(new Finding(pointer, cm(cm) + " is larger than " + cm(millimetresAboveCm)
                    + ": if it was measured in millimetres, it is " + cm(cm / 10) + "; confirm to keep " + cm(cm)));
        }
    }

    private void sizeChanges(Case kase, List<Finding> out) {
        List<ImagingStudy> measured = kase.imaging().stream().filter(s -> s.longestDiameterCm().isPresent())
                .sorted(Comparator.comparing(ImagingStudy::date).thenComparingInt(ImagingStudy::index)).toList();
        for (int i = 1; i < measured.size(); i++) {
            ImagingStudy before = measured.get(i - 1);
            ImagingStudy after = measured.get(i);
            long days = ChronoUnit.DAYS.between(before.date(), after.date());
            double a = before.longestDiameterCm().orElseThrow();
            double b = after.longestDiameterCm().orElseThrow();
            if (days < withinDays && Math.max(a, b) > factor * Math.min(a, b)) {
                String pointer = after.pointer("tumorDiametersCm/" + longestIndex(after));
                out.add(new Finding(pointer, "the longest diameter changes from " + cm(a) + " on " + before.date() + " to "
                        + cm(b) + " on " + after.date() + ", more than " + number(factor) + " times in less than "
                        + withinDays + " days: check the unit and the decimal separator, then confirm"));
            }
        }
    }

    private static int longestIndex(ImagingStudy s) {
        List<Double> d = s.tumorDiametersCm();
        int best = 0;
        for (int i = 1; i < d.size(); i++) {
            if (Double.compare(d.get(i), d.get(best)) > 0) {
                best = i;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- helpers

    private static String cm(double value) {
        return number(value) + " cm";
    }

    private static String number(double v) {
        double rounded = Math.round(v * 100) / 100.0;
        return rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15 ? Long.toString((long) rounded)
                : Double.toString(rounded);
    }

    private static List<Finding> sorted(List<Finding> found) {
        List<Finding> out = new ArrayList<>(found);
        out.sort(Comparator.comparing(Finding::pointer, Plausibility::comparePointers));
        return out;
    }

    /** Pointers by name, array indexes compared as numbers ({@code /imaging/2} before {@code /imaging/10}). */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                Optional<Integer> m = index(x[i]);
                Optional<Integer> n = index(y[i]);
                return m.isPresent() && n.isPresent() ? Integer.compare(m.get(), n.get()) : x[i].compareTo(y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static Optional<Integer> index(String segment) {
        return segment.matches("\\d{1,9}") ? Optional.of(Integer.parseInt(segment)) : Optional.empty();
    }
}

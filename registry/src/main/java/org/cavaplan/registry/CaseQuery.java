package org.cavaplan.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * A filtered page of the latest versions of the cases, in case id order. Every filter is optional
 * and they all apply together. Paging is by key: pass the {@link Page#nextAfter()} of one page as
 * {@code after} of the next. Build with {@link #all()} and the {@code with…} methods, e.g.
 * {@code CaseQuery.all().withLevel(3).withMargin(Margin.R1).withLimit(50)}.
 *
 * @param level         cases whose tumor reaches this IVC level (1 to 3)
 * @param minSizeCm     tumor size at least this, in cm
 * @param maxSizeCm     tumor size at most this, in cm
 * @param operatedFrom  operated on or after this date
 * @param operatedTo    operated on or before this date
 * @param synthetic     only synthetic cases (true) or only real ones (false)
 * @param includeRetired also retired cases; only an admin may ask for them
 * @param after         the last case id of the previous page
 * @param limit         at most this many cases, 1 to {@value #MAX_LIMIT}
 */
public record CaseQuery(
        Optional<Integer> level,
        Optional<Stage> stage,
        Optional<Intent> intent,
        Optional<Margin> margin,
        Optional<Integer> grade,
        Optional<VitalStatus> vitalStatus,
        Optional<Double> minSizeCm,
        Optional<Double> maxSizeCm,
        Optional<LocalDate> operatedFrom,
        Optional<LocalDate> operatedTo,
        Optional<Boolean> synthetic,
        boolean includeRetired,
        Optional<String> after,
        int limit) {

    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    public CaseQuery {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(vitalStatus, "vitalStatus");
        Objects.requireNonNull(minSizeCm, "minSizeCm");
        Objects.requireNonNull(maxSizeCm, "maxSizeCm");
        Objects.requireNonNull(operatedFrom, "operatedFrom");
        Objects.requireNonNull(operatedTo, "operatedTo");
        Objects.requireNonNull(synthetic, "synthetic");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        if (level.isPresent() && (level.get() < 1 || level.get() > 3)) {
            throw new IllegalArgumentException("IVC levels are 1 to 3, not " + level.get());
        }
        if (grade.isPresent() && (grade.get() < 1 || grade.get() > 3)) {
            throw new IllegalArgumentException("FNCLCC grades are 1 to 3, not " + grade.get());
        }
    }

    /** Every case that is not retired, the first 50 by case id. */
    public static CaseQuery all() {
        return new CaseQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, Optional.empty(), 50);
    }

    public CaseQuery withLevel(int value) {
        return new CaseQuery(Optional.of(value), stage, intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    public CaseQuery withStage(Stage value) {
        return new CaseQuery(level, Optional.of(value), intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    public CaseQuery withIntent(Intent value) {
        return new CaseQuery(level, stage, Optional.of(value), margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    public CaseQuery withMargin(Margin value) {
        return new CaseQuery(level, stage, intent, Optional.of(value), grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    public CaseQuery withGrade(int value) {
        return new CaseQuery(level, stage, intent, margin, Optional.of(value), vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    public CaseQuery withVitalStatus(VitalStatus value) {
        return new CaseQuery(level, stage, intent, margin, grade, Optional.of(value), minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    /** Tumor size between {@code min} and {@code max} cm, both included. */
    public CaseQuery withSizeCm(double min, double max) {
        return new CaseQuery(level, stage, intent, margin, grade, vitalStatus, Optional.of(min), Optional.of(max),
                operatedFrom, operatedTo, synthetic, includeRetired, after, limit);
    }

    /** Operated between {@code from} and {@code to}, both included. */
    public CaseQuery withOperationBetween(LocalDate from, LocalDate to) {
        return new CaseQuery(level, stage, intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                Optional.of(from), Optional.of(to), synthetic, includeRetired, after, limit);
    }

    public CaseQuery withSynthetic(boolean value) {
        return new CaseQuery(level, stage, intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, Optional.of(value), includeRetired, after, limit);
    }

    public CaseQuery withRetired() {
        return new CaseQuery(level, stage, intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, true, after, limit);
    }

    public CaseQuery withAfter(String caseId) {
        return new CaseQuery(level, stage, intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, Optional.of(caseId), limit);
    }

    public CaseQuery withLimit(int value) {
        return new CaseQuery(level, stage, intent, margin, grade, vitalStatus, minSizeCm, maxSizeCm,
                operatedFrom, operatedTo, synthetic, includeRetired, after, value);
    }

    /**
     * The query in a clinician's and an auditor's words, for the audit log: the filters in the
     * order of the record ("IVC level 2, margin R1, operated 2020-01-01 to 2024-12-31"), or "all
     * cases" without one, then the page ("at most 50", "after case X").
     */
    public String inWords() {
        List<String> filters = new ArrayList<>();
        level.ifPresent(l -> filters.add("IVC level " + l));
        stage.ifPresent(s -> filters.add("stage of care " + Vocabulary.enumWords(s)));
        intent.ifPresent(i -> filters.add(Vocabulary.enumWords(i) + " intent"));
        margin.ifPresent(m -> filters.add("margin " + Vocabulary.enumWords(m)));
        grade.ifPresent(g -> filters.add("FNCLCC grade " + g));
        vitalStatus.ifPresent(v -> filters.add(Vocabulary.enumWords(v)));
        if (minSizeCm.isPresent() && maxSizeCm.isPresent()) {
            filters.add("tumor size " + number(minSizeCm.get()) + " to " + number(maxSizeCm.get()) + " cm");
        } else {
            minSizeCm.ifPresent(m -> filters.add("tumor size at least " + number(m) + " cm"));
            maxSizeCm.ifPresent(m -> filters.add("tumor size at most " + number(m) + " cm"));
        }
        if (operatedFrom.isPresent() && operatedTo.isPresent()) {
            filters.add("operated " + operatedFrom.get() + " to " + operatedTo.get());
        } else {
            operatedFrom.ifPresent(d -> filters.add("operated on or after " + d));
            operatedTo.ifPresent(d -> filters.add("operated on or before " + d));
        }
        synthetic.ifPresent(s -> filters.add(s ? "synthetic cases only" : "real cases only"));
        if (includeRetired) {
            filters.add("retired cases included");
        }
        StringBuilder out = new StringBuilder(filters.isEmpty() ? "all cases" : String.join(", ", filters));
        out.append(" (at most ").append(limit);
        after.ifPresent(a -> out.append(", after case ").append(a));
        return out.append(')').toString();
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

package org.cavaplan.server.web;

import java.util.List;
import java.util.Optional;

/**
 * The outcomes page ({@code outcomes.jte}): the query form, what in the query could not be used,
 * the Kaplan-Meier section (or why it could not be drawn) and the Cox section (or why it could not
 * be fitted, or a note that no covariate was ticked). Every number is written already.
 *
 * @param frame the layout's frame
 * @param factors the grouping factors, one option each
 * @param covariates the Cox covariates, one checkbox each
 * @param queryErrors what in the query could not be used (the factor, then the covariates)
 * @param km the curves, when a factor could be read and the curves drawn
 * @param kmError why the curves could not be drawn
 * @param cox the Cox model, when covariates could be read and the model fitted
 * @param coxError why the model could not be fitted
 * @param askForCovariate no covariate was ticked: say that one is needed for a Cox model
 * @param synthetic whether synthetic demo cases are counted, and the link that switches
 * @param incidence the cumulative incidence of local recurrence, then of distant metastasis, each
 *     drawn or why it could not be
 * @param board how the tumor board used the recommendations (counts only)
 */
public record OutcomesPage(Frame frame, List<Choice> factors, List<Choice> covariates, List<Alert> queryErrors,
        Optional<Km> km, Optional<Alert> kmError, Optional<Cox> cox, Optional<Alert> coxError, boolean askForCovariate,
        Synthetic synthetic, List<IncidenceOrAlert> incidence, BoardUse board) {

    /**
     * How the board used the recommendations: over {@code decisions} signed decisions, one row per
     * recommendation that received a verdict. Counts only: no case id, date or name.
     */
    public record BoardUse(int decisions, List<BoardRow> rows) {
        public BoardUse {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A recommendation in words (its id on hover), its verdicts, the reasons of its overrides in words
     * ("patient preference 2; anatomy 1", empty when none), and the follow-through in words.
     */
    public record BoardRow(String id, String recommendation, int accepted, int modified, int rejected, String reasons,
            String followThrough) {}

    public OutcomesPage {
        factors = List.copyOf(factors);
        covariates = List.copyOf(covariates);
        queryErrors = List.copyOf(queryErrors);
        incidence = List.copyOf(incidence);
    }

    /**
     * Whether synthetic demo cases are counted ({@code includeSynthetic=true}); {@code toggleHref}
     * is this page's query with the choice reversed, {@code toggleText} says what it does.
     */
    public record Synthetic(boolean included, String toggleHref, String toggleText) {}

    /**
     * The cases an analysis left out: how many it used, each reason with its count (in words), and
     * the synthetic switch.
     */
    public record Exclusions(int analysed, List<Exclusion> reasons, Synthetic synthetic) {
        public Exclusions {
            reasons = List.copyOf(reasons);
        }

        /** Cases left out, all reasons together. */
        public int total() {
            return reasons.stream().mapToInt(Exclusion::count).sum();
        }
    }

    /** A reason cases were left out and how many ("synthetic (demo) case", 300). */
    public record Exclusion(String reason, int count) {}

    /** A choice of the form: {@code id} of the control (checkboxes only), value, label, and whether it is chosen. */
    public record Choice(String id, String value, String label, boolean chosen) {}

    /** A query that could not be answered: a sentence, and the fields at fault with what is wrong. */
    public record Alert(String summary, List<FieldError> fields) {
        public Alert {
            fields = List.copyOf(fields);
        }
    }

    /** A field (its name as in the query) and what is wrong with it. */
    public record FieldError(String name, String message) {}

    /**
     * The Kaplan-Meier section.
     *
     * @param phrase the factor as it reads in a sentence ("highest IVC level")
     * @param label the factor as a column head ("Highest IVC level")
     * @param plot the curves
     * @param n cases drawn
     * @param excluded cases left out
     * @param groups one row per curve, named in words
     * @param logRank the log-rank test, when it is defined
     * @param exclusions why the cases left out were
     * @param rmst the restricted mean survival time per group
     */
    public record Km(String phrase, String label, PlotFigure plot, int n, int excluded, List<Group> groups,
            Optional<LogRank> logRank, Exclusions exclusions, Optional<RestrictedMean> rmst) {
        public Km {
            groups = List.copyOf(groups);
        }
    }

    /**
     * The restricted mean survival time up to a horizon.
     *
     * @param horizonMonths the horizon in months, as shown
     * @param rows one per group, the first the reference
     */
    public record RestrictedMean(String horizonMonths, List<RestrictedMeanRow> rows) {
        public RestrictedMean {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A group's restricted mean in months with its standard error, and (after the first group) its
     * difference from the first group with the 95 % interval; null for the first group.
     */
    public record RestrictedMeanRow(String group, String months, String se, String difference, String interval) {}

    /** One event's cumulative incidence, or why it could not be drawn. */
    public sealed interface IncidenceOrAlert permits Incidence, IncidenceAlert {}

    /** Why the cumulative incidence under the heading {@code title} could not be drawn. */
    public record IncidenceAlert(String title, Alert alert) implements IncidenceOrAlert {}

    /**
     * The cumulative incidence of one event with death without it as the competing risk.
     *
     * @param id the event's API name, for ids in the page ({@code local}, {@code distant})
     * @param event the event in words ("local recurrence")
     * @param title the section's heading
     * @param plot the curves
     * @param exclusions the cases used and left out
     * @param horizonMonths the horizon of the table's estimates, in months
     * @param groups one row per curve
     * @param gray Gray's test across the groups, when defined
     */
    public record Incidence(String id, String event, String title, PlotFigure plot, Exclusions exclusions,
            String horizonMonths, List<IncidenceGroup> groups, Optional<Gray> gray) implements IncidenceOrAlert {
        public Incidence {
            groups = List.copyOf(groups);
        }
    }

    /**
     * A group's row: cases, events, deaths without the event, and the cumulative incidence at the
     * horizon in per cent with its 95 % interval ("not available" where undefined).
     */
    public record IncidenceGroup(String name, int n, int events, int competing, String percent, String interval) {}

    /** Gray's test: {@code p} exact for {@code data-p}, and each number as shown. */
    public record Gray(String exactP, String statistic, int df, String p) {}

    /**
     * A group's row: median survival in days and months (null when not reached) and its 95 %
     * confidence interval in days ("not reached" where a bound is not).
     */
    public record Group(String name, int n, int deaths, String medianDays, String medianMonths, String lower95,
            String upper95) {}

    /** The log-rank test: {@code p} exact for {@code data-p}, and each number as shown. */
    public record LogRank(String exactP, String chiSquare, int df, String p) {}

    /**
     * The Cox section.
     *
     * @param n cases in the model
     * @param deaths deaths in the model
     * @param excluded cases left out for a missing value
     * @param rows one per covariate
     * @param chiSquare the likelihood ratio test's chi-square
     * @param df its degrees of freedom
     * @param p its p value
     * @param concordance the model's concordance
     * @param exclusions why the cases left out were
     */
    public record Cox(int n, int deaths, int excluded, List<Coefficient> rows, String chiSquare, int df, String p,
            String concordance, Exclusions exclusions) {
        public Cox {
            rows = List.copyOf(rows);
        }
    }

    /** A covariate's row: its name in the model and in words, and its numbers as shown. */
    public record Coefficient(String name, String label, String coef, String hazardRatio, String lower95, String upper95,
            String exactP, String p) {}
}

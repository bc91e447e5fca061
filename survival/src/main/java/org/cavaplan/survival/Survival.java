package org.cavaplan.survival;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Entry point of the survival module: Kaplan-Meier curves, the log-rank test and Cox
 * proportional hazards, computed as R's {@code survival} package computes them with its defaults
 * (agreement to about 1e-9 relative in the tests against R), plus Kaplan-Meier plots; the restricted
 * mean survival time (as {@code print(survfit, rmean = tau)}); and for competing risks the
 * cumulative incidence per group and cause and Gray's test (as {@code cmprsk::cuminc}).
 *
 * <p>Each analysis uses the rows that have every value it needs and reports how many it dropped:
 * the curves and the log-rank test need time, event and group; the Cox model needs time, event
 * and every covariate. All methods are thread-safe and side-effect free apart from reading the
 * named file.
 */
public final class Survival {
    private Survival() {}

    /**
     * Reads the named columns of a CSV file with a header row.
     *
     * <p>Missing values (empty or {@code NA}) are kept and dropped per analysis. Times must be
     * numbers {@code >= 0}, events 0 or 1, covariates numbers; the group may be any text.
     *
     * @param file the CSV file (UTF-8)
     * @param columns which columns to use
     * @return the data
     * @throws SurvivalException.InputException when the file cannot be read, a column is missing, a
     *     value is not a number (the message names line and column), a time is negative or an event
     *     is not 0/1
     */
    public static SurvivalData readCsv(Path file, ColumnSpec columns)
            throws SurvivalException.InputException {
        Objects.requireNonNull(columns, "columns");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SurvivalException.UnreadableInput(file.toString(), "no such file");
        } catch (IOException e) {
            throw new SurvivalException.UnreadableInput(file.toString(), String.valueOf(e.getMessage()));
        }
        return CsvReader.read(bytes, file.toString(), columns);
    }

    /**
     * Reads CSV from a stream (see {@link #readCsv(Path, ColumnSpec)}); the stream is read to its
     * end but not closed.
     *
     * @param in the CSV bytes (UTF-8)
     * @param source a name for messages
     * @param columns which columns to use
     * @return the data
     * @throws SurvivalException.InputException as {@link #readCsv(Path, ColumnSpec)}
     */
    public static SurvivalData readCsv(InputStream in, String source, ColumnSpec columns)
            throws SurvivalException.InputException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new SurvivalException.UnreadableInput(source, String.valueOf(e.getMessage()));
        }
        return CsvReader.read(bytes, source, columns);
    }

    /**
     * Kaplan-Meier curves, one per group in group order (numeric order when every label is a
     * number, else text order), or a single curve labelled {@code "all"} without a group column.
     *
     * @param data the data
     * @return the curves
     * @throws SurvivalException.NoCompleteRows when no row has time, event (and group)
     */
    public static List<KaplanMeier> kaplanMeier(SurvivalData data)
            throws SurvivalException.NoCompleteRows {
        Groups.KmInput in = Groups.kmInput(data);
        List<KaplanMeier> out = new ArrayList<>();
        for (KaplanMeierEstimator.Curve c : KaplanMeierEstimator.curves(in)) {
            out.add(c.toRecord());
        }
        return out;
    }

    /**
     * The log-rank test across the groups (R {@code survdiff}, rho = 0).
     *
     * @param data the data, with a group column
     * @return the test
     * @throws SurvivalException.TooFewGroups without two groups at risk at some event time
     * @throws SurvivalException.TooFewEvents when no row has an event
     * @throws SurvivalException.NoCompleteRows when no row has time, event and group
     */
    public static LogRank logRank(SurvivalData data) throws SurvivalException {
        if (!data.hasGroups()) {
            throw new SurvivalException.TooFewGroups("the log-rank test needs a group column");
        }
        return LogRankTest.test(KaplanMeierEstimator.curves(Groups.kmInput(data)));
    }

    /**
     * A Cox proportional hazards model on all covariates of the data (R {@code coxph}, Efron ties).
     *
     * @param data the data, with at least one covariate
     * @return the fitted model
     * @throws SurvivalException.TooFewEvents when the used rows have no event
     * @throws SurvivalException.ConstantCovariate when a covariate does not vary
     * @throws SurvivalException.CollinearCovariates when covariates are linearly dependent
     * @throws SurvivalException.NonConvergence when 20 iterations are not enough
     * @throws SurvivalException.InfiniteCoefficient when a coefficient diverges (separation)
     * @throws SurvivalException.NoCompleteRows when no row has every value
     */
    public static CoxModel cox(SurvivalData data) throws SurvivalException {
        if (data.covariateNames().isEmpty()) {
            throw new IllegalArgumentException("the Cox model needs at least one covariate");
        }
        return CoxFitter.fit(Groups.coxInput(data));
    }

    /**
     * Cumulative incidence per group and cause (Aalen-Johansen) and Gray's test across the groups,
     * as R's {@code cmprsk::cuminc} computes them (agreement to 1e-6 relative or better in the tests
     * against R); see {@link CumulativeIncidence} for the variance and the 95 % limits.
     *
     * @param data competing-risk data ({@link ColumnSpec#withCompeting()} or {@link
     *     SurvivalData#ofCompeting})
     * @return the curves and tests
     * @throws SurvivalException.NoCompleteRows when no row has time, status (and group)
     * @throws IllegalArgumentException when the data do not code competing risks
     */
    public static CompetingRisks competingRisks(SurvivalData data) throws SurvivalException.NoCompleteRows {
        if (!data.competing()) {
            throw new IllegalArgumentException("competing risks need a status coded 0/1/2 (ColumnSpec.withCompeting)");
        }
        return CompetingRisksEstimator.estimate(Groups.kmInput(data, true));
    }

    /**
     * The restricted mean survival time up to {@code tau} per Kaplan-Meier curve and each group's
     * difference from the first, as R's {@code print(survfit, rmean = tau)} (see {@link Rmst}).
     *
     * @param curves curves from {@link #kaplanMeier}
     * @param tau the horizon, in the unit of the times, {@code > 0}
     * @return the restricted means
     * @throws SurvivalException.InvalidHorizon when tau is not a finite number {@code > 0}
     */
    public static Rmst rmst(List<KaplanMeier> curves, double tau) throws SurvivalException.InvalidHorizon {
        return Rmst.of(curves, tau);
    }

    /**
     * Curves, the log-rank test when there are two or more groups, and the Cox model when the data
     * have covariates.
     *
     * @param data the data
     * @return all results
     * @throws SurvivalException as the single analyses
     */
    public static Analysis analyze(SurvivalData data) throws SurvivalException {
        return analyze(data, java.util.OptionalDouble.empty());
    }

    /**
     * As {@link #analyze(SurvivalData)}, plus the restricted mean survival time when a horizon is
     * given and, for competing-risk data, the cumulative incidence and Gray's test. The curves, the
     * log-rank test, the Cox model and the RMST of competing-risk data count an event of either
     * kind (the time to the first event).
     *
     * @param data the data
     * @param rmstTau the RMST horizon, or empty for none
     * @return all results
     * @throws SurvivalException as the single analyses
     */
    public static Analysis analyze(SurvivalData data, java.util.OptionalDouble rmstTau) throws SurvivalException {
        if (rmstTau.isPresent()) {
            double tau = rmstTau.getAsDouble();
            if (!(tau > 0 && tau < Double.POSITIVE_INFINITY)) {
                throw new SurvivalException.InvalidHorizon(tau);
            }
        }
        Groups.KmInput in = Groups.kmInput(data);
        KaplanMeierEstimator.Curve[] curves = KaplanMeierEstimator.curves(in);
        List<KaplanMeier> km = new ArrayList<>(curves.length);
        for (KaplanMeierEstimator.Curve c : curves) {
            km.add(c.toRecord());
        }
        Optional<LogRank> logRank =
                data.hasGroups() && curves.length > 1
                        ? Optional.of(LogRankTest.test(curves))
                        : Optional.empty();
        Optional<CoxModel> cox =
                data.covariateNames().isEmpty()
                        ? Optional.empty()
                        : Optional.of(CoxFitter.fit(Groups.coxInput(data)));
        Optional<Rmst> rmst = rmstTau.isPresent() ? Optional.of(Rmst.of(km, rmstTau.getAsDouble())) : Optional.empty();
        Optional<CompetingRisks> competing = data.competing()
                ? Optional.of(CompetingRisksEstimator.estimate(Groups.kmInput(data, true)))
                : Optional.empty();
        return new Analysis(data.rows(), in.dropped, km, logRank, cox, rmst, competing);
    }

    /**
     * The Kaplan-Meier plot of {@link #plotSvg} as a laid-out record, for a view that draws it itself
     * (a page's inline SVG): time ticks at a step of 1, 2, 2.5 or 5 times a power of ten, survival
     * from 0 to 1 in fifths, curves to a quarter pixel, everything else to 1/100 pixel. The same input
     * gives an equal record, and drawing it as {@link #plotSvg} does gives the same picture.
     *
     * @param curves curves from {@link #kaplanMeier}
     * @param title a title, or {@code null} for none
     * @return the plot
     */
    public static CurvePlot plot(List<KaplanMeier> curves, String title) {
        return PlotLayout.plot(curves, title);
    }

    /**
     * The Kaplan-Meier plot of {@link #plot(List, String)} labelled as {@code style} says: the time
     * axis in its own unit and ticked at its steps (data in days drawn in months, say), the axes'
     * names, and the annotation (a test and its p-value) in the lower left corner of the plot. The
     * numbers at risk are counted at the ticks. {@code survivalPlot(curves, PlotStyle.plain(title))} equals
     * {@code plot(curves, title)}.
     *
     * @param curves curves from {@link #kaplanMeier}, with the group names the legend shows
     * @param style the labels and the time axis
     * @return the plot
     */
    public static CurvePlot survivalPlot(List<KaplanMeier> curves, PlotStyle style) {
        return PlotLayout.plot(curves, Objects.requireNonNull(style, "style"));
    }

    /**
     * Cumulative incidence curves of one cause, one per group, laid out as {@link #survivalPlot} lays out survival: step curves rising from 0 with their 95 % bands, the
     * annotation (Gray's test) in the upper left corner. The follow-up curves (Kaplan-Meier curves of
     * the same groups, in the same order, of the time to the first event of either cause) give the
     * numbers at risk and the censoring marks, drawn on the incidence curve at the censored times.
     *
     * @param curves the incidence curves of one cause, one per group
     * @param followUp the groups' follow-up, one per curve in the same order
     * @param style the labels and the time axis
     * @return the plot
     * @throws IllegalArgumentException when the lists differ in length
     */
    public static CurvePlot incidencePlot(List<CumulativeIncidence> curves, List<KaplanMeier> followUp,
            PlotStyle style) {
        return PlotLayout.incidence(curves, followUp, Objects.requireNonNull(style, "style"));
    }

    /**
     * A laid-out plot as a standalone SVG document, drawn as {@link #plotSvg(List, String)} draws;
     * the same plot gives the same bytes.
     *
     * @param plot the plot
     * @return the SVG text
     */
    public static String plotSvg(CurvePlot plot) {
        return SvgRenderer.render(PlotLayout.of(plot));
    }

    /**
     * Kaplan-Meier curves with 95 % confidence bands, censoring marks, a legend and a
     * numbers-at-risk table, as a standalone SVG document. The output depends only on the curves:
     * the same input gives the same bytes.
     *
     * @param curves curves from {@link #kaplanMeier}
     * @param title a title, or {@code null} for none
     * @return the SVG text
     */
    public static String plotSvg(List<KaplanMeier> curves, String title) {
        return SvgRenderer.render(PlotLayout.of(curves, title));
    }

    /**
     * The same plot as {@link #plotSvg} as a PNG image drawn with Java 2D in headless mode; the
     * same input gives the same bytes on the same Java runtime and fonts.
     *
     * @param curves curves from {@link #kaplanMeier}
     * @param title a title, or {@code null} for none
     * @return the PNG bytes
     */
    public static byte[] plotPng(List<KaplanMeier> curves, String title) {
        return PngRenderer.render(PlotLayout.of(curves, title));
    }
}

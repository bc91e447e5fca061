package org.cavaplan.survival;

import java.util.List;

/**
 * A failure named in the domain: either the input cannot be analysed as given
 * ({@link InputException}) or the requested model cannot be estimated from it
 * ({@link ModelException}). No survival computation in this package returns a
 * half-valid result instead of throwing one of these.
 *
 * <p>The hierarchy is sealed, so a caller can enumerate every case.
 */
public abstract sealed class SurvivalException extends Exception
        permits SurvivalException.InputException, SurvivalException.ModelException {

    private SurvivalException(String message) {
        super(message);
    }

    /** The data cannot be read or does not satisfy the contract of the analysis. */
    public abstract static sealed class InputException extends SurvivalException
            permits UnreadableInput, MalformedCsv, MissingColumn, NonNumericValue, NegativeTime,
                    InvalidEvent, NoCompleteRows, InvalidHorizon {
        private InputException(String message) {
            super(message);
        }
    }

    /** The data were read, but the model cannot be estimated from them. */
    public abstract static sealed class ModelException extends SurvivalException
            permits TooFewEvents, TooFewGroups, ConstantCovariate, CollinearCovariates, NonConvergence,
                    InfiniteCoefficient {
        private ModelException(String message) {
            super(message);
        }
    }

    /** The input file could not be opened or read. */
    public static final class UnreadableInput extends InputException {
        private final String source;

        public UnreadableInput(String source, String reason) {
            super("cannot read " + source + ": " + reason);
            this.source = source;
        }

        /** The file name or description of the input. */
        public String source() {
            return source;
        }
    }

    /** The CSV text is not well formed (no header, unterminated quote, too few fields). */
    public static final class MalformedCsv extends InputException {
        private final long line;

        public MalformedCsv(long line, String reason) {
            super("malformed CSV at line " + line + ": " + reason);
            this.line = line;
        }

        /** The 1-based line of the input where the problem starts. */
        public long line() {
            return line;
        }
    }

    /** A column named in the request is not in the header. */
    public static final class MissingColumn extends InputException {
        private final String column;

        public MissingColumn(String column, List<String> available) {
            super("column '" + column + "' not found; the header has: " + String.join(", ", available));
            this.column = column;
        }

        /** The requested column name. */
        public String column() {
            return column;
        }
    }

    /** A value in a numeric column (time, event or covariate) is not a number. */
    public static final class NonNumericValue extends InputException {
        private final long line;
        private final String column;
        private final String value;

        public NonNumericValue(long line, String column, String value) {
            super("line " + line + ", column '" + column + "': '" + value + "' is not a number");
            this.line = line;
            this.column = column;
            this.value = value;
        }

        /** The 1-based line (CSV) or row (arrays) of the value. */
        public long line() {
            return line;
        }

        /** The column name. */
        public String column() {
            return column;
        }

        /** The offending text. */
        public String value() {
            return value;
        }
    }

    /** A follow-up time is negative (or infinite). */
    public static final class NegativeTime extends InputException {
        private final long line;
        private final double value;

        public NegativeTime(long line, String column, double value) {
            super("line " + line + ", column '" + column + "': time " + value
                    + " is not a finite value >= 0");
            this.line = line;
            this.value = value;
        }

        /** The 1-based line (CSV) or row (arrays) of the value. */
        public long line() {
            return line;
        }

        /** The offending time. */
        public double value() {
            return value;
        }
    }

    /** An event indicator is neither 0 (censored) nor 1 (event). */
    public static final class InvalidEvent extends InputException {
        private final long line;
        private final String value;

        public InvalidEvent(long line, String column, String value) {
            this(line, column, value, false);
        }

        /** As above; {@code competing}: the column codes competing risks, so 2 was allowed too. */
        public InvalidEvent(long line, String column, String value, boolean competing) {
            super("line " + line + ", column '" + column + "': event must be "
                    + (competing ? "0 (censored), 1 (event of interest) or 2 (competing event)"
                            : "0 (censored) or 1 (event)")
                    + ", got '" + value + "'");
            this.line = line;
            this.value = value;
        }

        /** The 1-based line (CSV) or row (arrays) of the value. */
        public long line() {
            return line;
        }

        /** The offending text. */
        public String value() {
            return value;
        }
    }

    /** After dropping rows with missing values nothing is left to analyse. */
    public static final class NoCompleteRows extends InputException {
        public NoCompleteRows(int rows, int dropped) {
            super("no complete rows: " + rows + " rows read, " + dropped
                    + " dropped for missing values");
        }
    }

    /** The horizon of a restricted mean survival time is not a number {@code > 0}. */
    public static final class InvalidHorizon extends InputException {
        private final double tau;

        public InvalidHorizon(double tau) {
            super("the horizon of the restricted mean survival time must be a number > 0, got " + tau);
            this.tau = tau;
        }

        /** The horizon given. */
        public double tau() {
            return tau;
        }
    }

    /** The model needs more events than the data have (e.g. a Cox model with zero events). */
    public static final class TooFewEvents extends ModelException {
        private final int events;

        public TooFewEvents(String analysis, int events) {
            super(analysis + " needs at least one event, the data have " + events);
            this.events = events;
        }

        /** Number of events in the analysed rows. */
        public int events() {
            return events;
        }
    }

    /** A comparison of groups was requested with fewer than two comparable groups. */
    public static final class TooFewGroups extends ModelException {
        public TooFewGroups(String reason) {
            super(reason);
        }
    }

    /** A Cox covariate has the same value in every analysed row. */
    public static final class ConstantCovariate extends ModelException {
        private final String covariate;

        public ConstantCovariate(String covariate) {
            super("covariate '" + covariate + "' is constant in the analysed rows");
            this.covariate = covariate;
        }

        /** The covariate name. */
        public String covariate() {
            return covariate;
        }
    }

    /** Some Cox covariates are linear combinations of the others (singular information matrix). */
    public static final class CollinearCovariates extends ModelException {
        private final List<String> covariates;

        public CollinearCovariates(List<String> covariates) {
            super("covariates are collinear; redundant: " + String.join(", ", covariates));
            this.covariates = List.copyOf(covariates);
        }

        /** The covariates found redundant given those before them. */
        public List<String> covariates() {
            return covariates;
        }
    }

    /** Newton-Raphson ran out of iterations before the log-likelihood converged. */
    public static final class NonConvergence extends ModelException {
        private final int iterations;

        public NonConvergence(int iterations, boolean possiblyInfinite) {
            super("Cox model did not converge in " + iterations + " iterations"
                    + (possiblyInfinite ? "; one or more coefficients may be infinite" : ""));
            this.iterations = iterations;
        }

        /** The iteration limit that was reached. */
        public int iterations() {
            return iterations;
        }
    }

    /**
     * The log-likelihood converged while some coefficient was still drifting (R: "Loglik converged
     * before variable ...; coefficient may be infinite"), typically from perfect separation.
     */
    public static final class InfiniteCoefficient extends ModelException {
        private final List<String> covariates;

        public InfiniteCoefficient(List<String> covariates) {
            super("coefficient may be infinite for: " + String.join(", ", covariates)
                    + " (the log-likelihood converged before the coefficient did; check for separation)");
            this.covariates = List.copyOf(covariates);
        }

        /** The covariates whose coefficient may be infinite. */
        public List<String> covariates() {
            return covariates;
        }
    }
}

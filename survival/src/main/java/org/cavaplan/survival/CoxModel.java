package org.cavaplan.survival;

import java.util.List;

/**
 * A fitted Cox proportional hazards model, as R's {@code coxph(Surv(time, event) ~ x1 + ...)}
 * with its defaults: Efron's approximation for tied times, Newton-Raphson with step halving,
 * {@code eps = 1e-9}, {@code iter.max = 20}.
 *
 * @param ties always {@code "efron"}
 * @param coefficients one entry per covariate, in the requested order
 * @param n rows used
 * @param events events in the rows used
 * @param dropped rows dropped for a missing time, event or covariate
 * @param logLikelihoodNull partial log-likelihood at beta = 0
 * @param logLikelihood partial log-likelihood at the estimate
 * @param likelihoodRatio {@code 2 (logLikelihood - logLikelihoodNull)} on {@code p} df
 * @param wald Wald test of beta = 0
 * @param score score (log-rank) test of beta = 0
 * @param concordance Harrell's concordance of the linear predictor, as coxph reports it
 * @param iterations Newton-Raphson iterations used (R's {@code fit$iter})
 * @param covariance the variance-covariance matrix of the coefficients (a copy is returned)
 */
public record CoxModel(
        String ties,
        List<Coefficient> coefficients,
        int n,
        int events,
        int dropped,
        double logLikelihoodNull,
        double logLikelihood,
        ChiSquareTest likelihoodRatio,
        ChiSquareTest wald,
        ChiSquareTest score,
        Concordance concordance,
        int iterations,
        double[][] covariance) {

    /** Copies the lists and the matrix. */
    public CoxModel {
        coefficients = List.copyOf(coefficients);
        covariance = copy(covariance);
    }

    /** The variance-covariance matrix (a fresh copy). */
    @Override
    public double[][] covariance() {
        return copy(covariance);
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    /**
     * One covariate.
     *
     * @param name the covariate (column) name
     * @param coef the log hazard ratio
     * @param hr the hazard ratio {@code exp(coef)}
     * @param se its standard error (square root of the inverse information)
     * @param z {@code coef / se}
     * @param p two-sided Wald p-value
     * @param lower95 lower 95 % limit of the hazard ratio, {@code exp(coef - 1.96 se)}
     * @param upper95 upper 95 % limit of the hazard ratio, {@code exp(coef + 1.96 se)}
     */
    public record Coefficient(
            String name,
            double coef,
            double hr,
            double se,
            double z,
            double p,
            double lower95,
            double upper95) {}

    /**
     * Concordance as {@code coxph} reports it: pairs where the earlier event has the higher risk
     * score are concordant; pairs tied on the risk score count one half; pairs tied on the event
     * time are not comparable; a censoring at an event's time counts as later than the event.
     *
     * @param value {@code (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk)}
     * @param stdErr its standard error (R's infinitesimal jackknife, {@code fit$concordance["std"]})
     * @param concordant concordant pairs
     * @param discordant discordant pairs
     * @param tiedRisk comparable pairs with equal risk scores
     * @param tiedTime pairs of events at the same time with different risk scores
     */
    public record Concordance(
            double value,
            double stdErr,
            long concordant,
            long discordant,
            long tiedRisk,
            long tiedTime) {}
}

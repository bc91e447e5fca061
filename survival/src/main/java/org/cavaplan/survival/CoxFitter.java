package org.cavaplan.survival;

import java.util.ArrayList;
import java.util.List;

/**
 * Cox proportional hazards by Newton-Raphson on the Efron partial likelihood, following the
 * algorithm of R's {@code coxph} ({@code coxph.fit} / {@code coxfit6}) step for step so that
 * iterates, and therefore results, agree with R to rounding: covariates centered and scaled by
 * their mean absolute deviation, start at beta = 0, a full Newton step while the log-likelihood
 * increases, otherwise step halving towards the last good beta, convergence when {@code |1 -
 * loglik_old / loglik_new| <= eps}.
 *
 * <p>Each iteration is one backward pass over the time-sorted rows keeping running risk-set sums
 * (weights, first and second moments), so it costs O(n p^2).
 */
final class CoxFitter {
    static final double EPS = 1e-9;
    static final int ITER_MAX = 20;
    static final double TOLER_CHOL = Math.pow(Math.ulp(1.0), 0.75);
    static final double TOLER_INF = Math.sqrt(EPS);

    private final int n;
    private final int p;
    private final double[] time;
    private final byte[] status;
    /** Centered and scaled covariates, row-major, rows sorted by time. */
    private final double[] x;

    // Work arrays of one likelihood evaluation.
    private final double[] u;
    private final double[][] imat;
    private final double[] a;
    private final double[] a2;
    private final double[][] cmat;
    private final double[][] cmat2;

    private CoxFitter(double[] time, byte[] status, double[] x, int p) {
        this.n = time.length;
        this.p = p;
        this.time = time;
        this.status = status;
        this.x = x;
        this.u = new double[p];
        this.imat = new double[p][p];
        this.a = new double[p];
        this.a2 = new double[p];
        this.cmat = new double[p][p];
        this.cmat2 = new double[p][p];
    }

    static CoxModel fit(Groups.CoxInput in) throws SurvivalException.ModelException {
        int n = in.n();
        int p = in.p;
        List<String> names = in.names;
        int[] order = IndexSort.order(in.time);
        double[] time = new double[n];
        byte[] status = new byte[n];
        double[] raw = new double[n * p];
        int events = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            time[r] = in.time[i];
            status[r] = in.event[i];
            events += status[r];
            System.arraycopy(in.x, i * p, raw, r * p, p);
        }
        if (events == 0) {
            throw new SurvivalException.TooFewEvents("the Cox model", 0);
        }
        timeFix(time);
        for (int j = 0; j < p; j++) {
            double first = raw[j];
            boolean constant = true;
            for (int r = 1; r < n && constant; r++) {
                constant = raw[r * p + j] == first;
            }
            if (constant) {
                throw new SurvivalException.ConstantCovariate(names.get(j));
            }
        }

        // Center and scale, as coxfit6 does.
        double[] means = new double[p];
        double[] scale = new double[p];
        double[] x = new double[n * p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int r = 0; r < n; r++) {
                s += raw[r * p + j];
            }
            double mean = s / n;
            means[j] = mean;
            double abs = 0;
            for (int r = 0; r < n; r++) {
                double v = raw[r * p + j] - mean;
                x[r * p + j] = v;
                abs += Math.abs(v);
            }
            double sc = abs > 0 ? n / abs : 1.0;
            scale[j] = sc;
            for (int r = 0; r < n; r++) {
                x[r * p + j] *= sc;
            }
        }

        CoxFitter f = new CoxFitter(time, status, x, p);
        double[] beta = new double[p];
        double[] newbeta = new double[p];
        double loglik0 = f.evaluate(beta);
        double[] step = f.u.clone();
        int rank = Cholesky.factor(f.imat, p, TOLER_CHOL);
        if (rank < p) {
            throw new SurvivalException.CollinearCovariates(redundant(f.imat, names));
        }
        Cholesky.solve(f.imat, p, step);
        double scoreTest = 0;
        for (int j = 0; j < p; j++) {
            scoreTest += f.u[j] * step[j];
        }
        double loglik = loglik0;
        for (int j = 0; j < p; j++) {
            newbeta[j] = beta[j] + step[j];
        }
        int halving = 0;
        int iter;
        boolean converged = false;
        for (iter = 1; iter <= ITER_MAX; iter++) {
            double newlk = f.evaluate(newbeta);
            rank = Cholesky.factor(f.imat, p, TOLER_CHOL);
            boolean notFinite = !Double.isFinite(newlk);
            for (int i = 0; i < p && !notFinite; i++) {
                if (!Double.isFinite(f.u[i])) {
                    notFinite = true;
                }
                for (int j = 0; j < p; j++) {
                    if (!Double.isFinite(f.imat[i][j])) {
                        notFinite = true;
                    }
                }
            }
            if (!notFinite && Math.abs(1 - loglik / newlk) <= EPS) {
                loglik = newlk;
                converged = true;
                break;
            }
            if (notFinite || newlk < loglik) {
                halving++;
                for (int j = 0; j < p; j++) {
                    newbeta[j] = (newbeta[j] + halving * beta[j]) / (halving + 1.0);
                }
            } else {
                halving = 0;
                loglik = newlk;
                Cholesky.solve(f.imat, p, f.u);
                for (int j = 0; j < p; j++) {
                    beta[j] = newbeta[j];
                    newbeta[j] = newbeta[j] + f.u[j];
                }
            }
        }
        if (!converged) {
            // As R: re-evaluate at the last good beta, then judge whether it drifted to infinity.
            f.evaluate(beta);
            Cholesky.factor(f.imat, p, TOLER_CHOL);
            Cholesky.invert(f.imat, p);
            double[][] var = f.unscaledVariance(scale);
            double[] coef = new double[p];
            for (int j = 0; j < p; j++) {
                coef[j] = beta[j] * scale[j];
            }
            boolean infinite = false;
            double maxLp = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < n; r++) {
                double lp = 0;
                for (int j = 0; j < p; j++) {
                    lp += raw[r * p + j] * coef[j];
                }
                maxLp = Math.max(maxLp, lp - dot(coef, means));
            }
            double[] uu = f.u.clone();
            for (int j = 0; j < p; j++) {
                uu[j] /= scale[j];
            }
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += uu[k] * var[k][j];
                }
                if (!Double.isFinite(s)) {
                    infinite = true;
                }
            }
            throw new SurvivalException.NonConvergence(ITER_MAX, infinite || maxLp > 500);
        }

        // Converged at newbeta: imat holds the factor of the information there.
        Cholesky.invert(f.imat, p);
        double[][] var = f.unscaledVariance(scale);
        double[] coef = new double[p];
        double[] score = new double[p];
        for (int j = 0; j < p; j++) {
            coef[j] = newbeta[j] * scale[j];
            score[j] = f.u[j] / scale[j];
        }
        List<String> singular = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (var[j][j] == 0) {
                singular.add(names.get(j));
            }
        }
        if (!singular.isEmpty()) {
            throw new SurvivalException.CollinearCovariates(singular);
        }
        List<String> infinite = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                s += score[k] * var[k][j];
            }
            double inf = Math.abs(s);
            if (!Double.isFinite(score[j]) || (inf > EPS && inf > TOLER_INF * Math.abs(coef[j]))) {
                infinite.add(names.get(j));
            }
        }
        if (!infinite.isEmpty()) {
            throw new SurvivalException.InfiniteCoefficient(infinite);
        }

        List<CoxModel.Coefficient> coefficients = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            double se = Math.sqrt(var[j][j]);
            double z = coef[j] / se;
            coefficients.add(new CoxModel.Coefficient(
                    names.get(j), coef[j], Math.exp(coef[j]), se, z, Distributions.twoSidedNormal(z),
                    Math.exp(coef[j] - Distributions.Z_975 * se),
                    Math.exp(coef[j] + Distributions.Z_975 * se)));
        }
        ChiSquareTest lr = ChiSquareTest.of(2 * (loglik - loglik0), p);
        ChiSquareTest wald = ChiSquareTest.of(waldStatistic(var, coef), p);
        ChiSquareTest scoreChi = ChiSquareTest.of(scoreTest, p);

        double offset = dot(coef, means);
        double[] lp = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += raw[r * p + j] * coef[j];
            }
            lp[r] = s - offset;
        }
        CoxModel.Concordance concordance = ConcordanceCalculator.compute(time, status, lp);
        return new CoxModel(
                "efron", coefficients, n, events, in.dropped, loglik0, loglik, lr, wald, scoreChi,
                concordance, iter, var);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** b' V^- b with the same generalized Cholesky as R's coxph.wtest. */
    private static double waldStatistic(double[][] var, double[] coef) {
        int p = coef.length;
        double[][] m = new double[p][p];
        for (int i = 0; i < p; i++) {
            m[i] = var[i].clone();
        }
        Cholesky.factor(m, p, TOLER_CHOL);
        double[] b = coef.clone();
        Cholesky.solve(m, p, b);
        return dot(b, coef);
    }

    /** Names of the columns the factorization marked redundant. */
    private static List<String> redundant(double[][] factor, List<String> names) {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (factor[j][j] == 0) {
                out.add(names.get(j));
            }
        }
        return out;
    }

    /** The inverse information (upper triangle after invert) back on the original scale. */
    private double[][] unscaledVariance(double[] scale) {
        double[][] v = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double value = imat[i][j] * scale[i] * scale[j];
                v[i][j] = value;
                v[j][i] = value;
            }
        }
        return v;
    }

    /** Adjusts tied-within-rounding times (R's aeqSurv) on the sorted time vector. */
    private static void timeFix(double[] sorted) {
        double[] unique = new double[sorted.length];
        int u = TimeFix.distinct(sorted, sorted.length, unique);
        double[] rep = TimeFix.representatives(unique, u);
        if (rep == null) {
            return;
        }
        int k = 0;
        for (int r = 0; r < sorted.length; r++) {
            while (unique[k] != sorted[r]) {
                k++;
            }
            sorted[r] = rep[k];
        }
    }

    /**
     * Log partial likelihood (Efron) at beta; fills the score u and the information imat (upper
     * triangle {@code imat[j][i], j <= i}).
     */
    private double evaluate(double[] beta) {
        for (int i = 0; i < p; i++) {
            u[i] = 0;
            a2[i] = 0;
            a[i] = 0;
            for (int j = 0; j < p; j++) {
                imat[i][j] = 0;
                cmat[i][j] = 0;
                cmat2[i][j] = 0;
            }
        }
        double loglik = 0;
        double denom = 0;
        int person = n - 1;
        while (person >= 0) {
            double dtime = time[person];
            int ndead = 0;
            double denom2 = 0;
            while (person >= 0 && time[person] == dtime) {
                int row = person * p;
                double zbeta = 0;
                for (int i = 0; i < p; i++) {
                    zbeta += beta[i] * x[row + i];
                }
                double risk = Math.exp(zbeta);
                if (status[person] == 0) {
                    denom += risk;
                    for (int i = 0; i < p; i++) {
                        double xi = risk * x[row + i];
                        a[i] += xi;
                        double[] ci = cmat[i];
                        for (int j = 0; j <= i; j++) {
                            ci[j] += xi * x[row + j];
                        }
                    }
                } else {
                    ndead++;
                    denom2 += risk;
                    loglik += zbeta;
                    for (int i = 0; i < p; i++) {
                        double xi = risk * x[row + i];
                        u[i] += x[row + i];
                        a2[i] += xi;
                        double[] ci = cmat2[i];
                        for (int j = 0; j <= i; j++) {
                            ci[j] += xi * x[row + j];
                        }
                    }
                }
                person--;
            }
            if (ndead > 0) {
                if (ndead == 1) {
                    denom += denom2;
                    loglik -= Math.log(denom);
                    for (int i = 0; i < p; i++) {
                        a[i] += a2[i];
                        double mean = a[i] / denom;
                        u[i] -= mean;
                        for (int j = 0; j <= i; j++) {
                            cmat[i][j] += cmat2[i][j];
                            imat[j][i] += (cmat[i][j] - mean * a[j]) / denom;
                        }
                    }
                } else {
                    // Efron: the k-th of ndead tied deaths sees (k / ndead) of the dying set removed.
                    double wtave = 1.0;
                    for (int k = 0; k < ndead; k++) {
                        denom += denom2 / ndead;
                        loglik -= wtave * Math.log(denom);
                        for (int i = 0; i < p; i++) {
                            a[i] += a2[i] / ndead;
                            double mean = a[i] / denom;
                            u[i] -= wtave * mean;
                            for (int j = 0; j <= i; j++) {
                                cmat[i][j] += cmat2[i][j] / ndead;
                                imat[j][i] += wtave * (cmat[i][j] - mean * a[j]) / denom;
                            }
                        }
                    }
                }
                for (int i = 0; i < p; i++) {
                    a2[i] = 0;
                    for (int j = 0; j < p; j++) {
                        cmat2[i][j] = 0;
                    }
                }
            }
        }
        return loglik;
    }
}

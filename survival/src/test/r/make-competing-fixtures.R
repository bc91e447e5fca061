# Generates the reference fixtures for competing risks (cumulative incidence, Gray's test) and for
# the restricted mean survival time (RMST).
#
#   cd survival/src/test/r && Rscript make-competing-fixtures.R
#
# Needs R with 'survival' and 'cmprsk' (Debian: r-cran-survival r-cran-cmprsk). The tests read the
# files it writes and never run R. Writes into ../resources/fixtures/:
#   <name>.csv          the data set: time, status (0 censored, 1 event of interest, 2 competing
#                       event), and a group column unless the fixture has one group only
#   <name>.spec         key=value lines: time, event, group (empty for one group)
#   <name>-cif.csv      cmprsk::cuminc, one row per group, cause and distinct time at which that
#                       cause has an event in that group: group, cause, time, estimate, variance,
#                       lower, upper, ms_estimate
#                       lower/upper: 95 % limits on the log(-log) scale from cuminc's variance,
#                         F^exp(-+1.96 sqrt(V) / (F log F)) (log F < 0), NA where F is 0 or 1
#                       ms_estimate: the same probability from survival's multi-state survfit,
#                         survfit(Surv(time, factor(status, 0:2)) ~ 1)$pstate on the
#                         group's rows (cross-check)
#   <name>-gray.csv     cuminc's Tests (grouped fixtures only): cause, statistic, df, p
#   <name>-rmst.csv     print(survfit(Surv(time, status != 0) ~ group), rmean = tau): group, tau,
#                       rmean, se; a KM of the time to the first event of either kind
#   <name>-rmstdiff.csv each group against the first: group, reference, tau, difference, se,
#                       lower, upper, with se = sqrt(se1^2 + se2^2) and the limits difference +-
#                       qnorm(0.975) se (independent groups)
# The RMST files are written for the Kaplan-Meier fixtures of make-fixtures.R too (aml, ovarian,
# veteran-celltype, flat, flat-groups), from their own event columns.
# Every number is written with 17 significant digits; NA means "no value".
suppressPackageStartupMessages({ library(survival); library(cmprsk) })
outdir <- file.path("..", "resources", "fixtures")
num <- function(x) ifelse(is.na(x) | !is.finite(x), "NA", sprintf("%.17g", x))
z <- qnorm(0.975)

rmst <- function(name, d, time, event, group, taus) {
  ev <- d[[event]] != 0
  g <- if (is.null(group)) rep("all", nrow(d)) else d[[group]]
  fit <- if (is.null(group)) survfit(Surv(d[[time]], ev) ~ 1) else survfit(Surv(d[[time]], ev) ~ g)
  rows <- NULL
  diffs <- NULL
  for (tau in taus) {
    tab <- summary(fit, rmean = tau)$table
    if (is.null(dim(tab))) tab <- matrix(tab, nrow = 1, dimnames = list("all", names(tab)))
    labels <- sub("^g=", "", rownames(tab))
    rows <- rbind(rows, data.frame(group = labels, tau = num(tau), rmean = num(tab[, "rmean"]),
                                   se = num(tab[, "se(rmean)"])))
    if (length(labels) > 1) {
      for (i in 2:length(labels)) {
        dif <- tab[i, "rmean"] - tab[1, "rmean"]
        se <- sqrt(tab[i, "se(rmean)"]^2 + tab[1, "se(rmean)"]^2)
        diffs <- rbind(diffs, data.frame(group = labels[i], reference = labels[1], tau = num(tau),
                                         difference = num(dif), se = num(se),
                                         lower = num(dif - z * se), upper = num(dif + z * se)))
      }
    }
  }
  write.csv(rows, file.path(outdir, paste0(name, "-rmst.csv")), row.names = FALSE, quote = TRUE)
  if (!is.null(diffs)) {
    write.csv(diffs, file.path(outdir, paste0(name, "-rmstdiff.csv")), row.names = FALSE, quote = TRUE)
  }
}

competing <- function(name, d, group = NULL, taus = NULL) {
  write.csv(d, file.path(outdir, paste0(name, ".csv")), row.names = FALSE, na = "NA")
  writeLines(c("time=time", "event=status", paste0("group=", if (is.null(group)) "" else group)),
             file.path(outdir, paste0(name, ".spec")))
  g <- if (is.null(group)) rep("all", nrow(d)) else d[[group]]
  ci <- if (is.null(group)) cuminc(d$time, d$status) else cuminc(d$time, d$status, g)
  out <- NULL
  for (key in setdiff(names(ci), "Tests")) {
    # names are "<group> <cause>"; cuminc without a group calls the group "1"
    cause <- as.integer(sub("^.* ", "", key))
    lab <- if (is.null(group)) "all" else sub(" [^ ]*$", "", key)
    cur <- ci[[key]]
    k <- length(cur$time)
    at <- if (k > 2) seq(3, k - 1, by = 2) else integer(0)
    if (length(at) == 0) next
    f <- cur$est[at]
    v <- cur$var[at]
    s <- sqrt(v) / (f * log(f))
    lower <- ifelse(f > 0 & f < 1, f^exp(-z * s), NA)
    upper <- ifelse(f > 0 & f < 1, f^exp(z * s), NA)
    ms <- survfit(Surv(time, factor(status, 0:2)) ~ 1, data = d[g == lab, ])
    sm <- summary(ms, times = cur$time[at])
    col <- match(as.character(cause), ms$states)
    out <- rbind(out, data.frame(group = lab, cause = cause, time = num(cur$time[at]),
                                 estimate = num(f), variance = num(v), lower = num(lower),
                                 upper = num(upper), ms_estimate = num(sm$pstate[, col])))
  }
  write.csv(out, file.path(outdir, paste0(name, "-cif.csv")), row.names = FALSE, quote = TRUE)
  if (!is.null(ci$Tests)) {
    t <- ci$Tests
    write.csv(data.frame(cause = rownames(t), statistic = num(t[, "stat"]), df = num(t[, "df"]),
                         p = num(t[, "pv"])),
              file.path(outdir, paste0(name, "-gray.csv")), row.names = FALSE, quote = TRUE)
  }
  if (!is.null(taus)) rmst(name, d, "time", "status", group, taus)
}

# ---------------------------------------------------------------- data sets
set.seed(20261205)

# Integer times (heavy ties, censorings at event times, both causes at one time), three groups of
# unequal size; group C has no competing event.
n <- c(A = 160, B = 70, C = 25)
arm <- rep(names(n), n)
t1 <- rexp(sum(n), ifelse(arm == "A", 0.04, ifelse(arm == "B", 0.07, 0.05)))
t2 <- ifelse(arm == "C", Inf, rexp(sum(n), 0.03))
cens <- runif(sum(n), 5, 60)
tt <- pmin(t1, t2, cens)
st <- ifelse(tt == t1, 1L, ifelse(tt == t2, 2L, 0L))
ties <- data.frame(time = pmax(1, ceiling(tt / 2)), status = st, arm = arm)
competing("cr-ties", ties, "arm", taus = c(5, 12.5, 17, 40))

# The same data, one group only.
competing("cr-onegroup", ties[, c("time", "status")], NULL, taus = c(10, 17))

# Small and hand-checkable: ties of both causes at one time, a censoring at an event time, the
# largest time an event of interest; numeric group labels (factor order 2 < 10).
small <- data.frame(time = c(1, 2, 2, 2, 3, 4, 4, 5, 6, 7, 1, 2, 3, 3, 5, 5, 8, 9),
                    status = c(1, 1, 2, 0, 2, 0, 1, 1, 0, 1, 2, 1, 1, 0, 2, 1, 0, 1),
                    dose = c(rep(10, 10), rep(2, 8)))
competing("cr-small", small, "dose", taus = c(3, 4.5, 9, 12))

# survival's mgus2: progression to plasma cell malignancy against death without it, by sex.
data(cancer, package = "survival")
m <- mgus2
m <- data.frame(time = ifelse(m$pstat == 1, m$ptime, m$futime),
                status = ifelse(m$pstat == 1, 1L, 2L * m$death), sex = as.character(m$sex))
competing("cr-mgus2", m, "sex", taus = c(60, 120, 240))

# RMST on Kaplan-Meier fixtures of make-fixtures.R (their csv files are that script's).
aml2 <- read.csv(file.path(outdir, "aml.csv"))
rmst("aml", aml2, "time", "status", "x", c(10, 23, 48, 200))
ov <- read.csv(file.path(outdir, "ovarian.csv"))
rmst("ovarian", ov, "futime", "fustat", "rx", c(365, 638, 1000))
vet <- read.csv(file.path(outdir, "veteran-celltype.csv"))
rmst("veteran-celltype", vet, "time", "status", "celltype", c(100, 250))
fg <- read.csv(file.path(outdir, "flat-groups.csv"))
rmst("flat-groups", fg, "time", "status", "arm", c(4, 25))
rmst("flat", read.csv(file.path(outdir, "flat.csv")), "time", "status", NULL, c(3.5, 8, 10))

cat("competing-risk and RMST fixtures written to", normalizePath(outdir), "\n")

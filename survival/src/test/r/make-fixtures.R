# Generates the reference fixtures that CavaPlan's survival module is tested against.
#
#   cd survival/src/test/r && Rscript make-fixtures.R
#
# Needs only R and the recommended 'survival' package (Debian: r-cran-survival).
# Writes into ../resources/fixtures/:
#   <name>.csv              the data set, header row, NA for missing values, event coded 0/1
#   <name>.spec             key=value lines: which columns the Java test uses
#   <name>-km.csv           Kaplan-Meier table, one row per distinct time per group
#                           (summary(survfit, censored=TRUE)); std_err is R's summary std.err
#   <name>-expected.csv     key,value pairs: KM per-group n/events/median/limits, survdiff,
#                           coxph coefficients and fit statistics
# Every number is written with 17 significant digits; NA means "no value" (R's NA or NaN).
suppressPackageStartupMessages(library(survival))
outdir <- file.path("..", "resources", "fixtures")
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

num <- function(x) ifelse(is.na(x) | !is.finite(x), "NA", sprintf("%.17g", x))

# One data set: data frame d, time/event column names, optional group column, optional covariates.
fixture <- function(name, d, time, event, group = NULL, covariates = NULL) {
  write.csv(d, file.path(outdir, paste0(name, ".csv")), row.names = FALSE, na = "NA")
  spec <- c(paste0("time=", time), paste0("event=", event),
            paste0("group=", if (is.null(group)) "" else group),
            paste0("covariates=", paste(covariates, collapse = ",")))
  writeLines(spec, file.path(outdir, paste0(name, ".spec")))

  kv <- character(0)
  add <- function(key, value) kv <<- c(kv, paste0(key, ",", num(value)))
  surv <- Surv(d[[time]], d[[event]])

  # ---- Kaplan-Meier (survfit defaults: conf.type = "log", conf.int = 0.95)
  if (is.null(group)) {
    fit <- survfit(surv ~ 1)
    labels <- "all"
    strata <- rep("all", length(fit$time))
    dropped <- sum(is.na(d[[time]]) | is.na(d[[event]]))
  } else {
    g <- d[[group]]
    fit <- survfit(surv ~ g)
    labels <- sub("^g=", "", names(fit$strata))
    strata <- rep(labels, fit$strata)
    dropped <- sum(is.na(d[[time]]) | is.na(d[[event]]) | is.na(g))
  }
  add("km.dropped", dropped)
  s <- summary(fit, censored = TRUE)
  tab <- data.frame(group = strata,
                    time = num(s$time), n_risk = num(s$n.risk), n_event = num(s$n.event),
                    n_censor = num(s$n.censor), surv = num(s$surv), std_err = num(s$std.err),
                    lower = num(s$lower), upper = num(s$upper))
  write.csv(tab, file.path(outdir, paste0(name, "-km.csv")), row.names = FALSE, quote = TRUE)
  tt <- summary(fit)$table
  if (is.null(dim(tt))) tt <- matrix(tt, nrow = 1, dimnames = list(NULL, names(tt)))
  for (i in seq_along(labels)) {
    lab <- labels[i]
    add(paste0("km.", lab, ".n"), tt[i, "records"])
    add(paste0("km.", lab, ".events"), tt[i, "events"])
    add(paste0("km.", lab, ".median"), tt[i, "median"])
    add(paste0("km.", lab, ".median.lower"), tt[i, "0.95LCL"])
    add(paste0("km.", lab, ".median.upper"), tt[i, "0.95UCL"])
  }
  kv <- c(kv, paste0("km.groups,", paste(labels, collapse = "|")))

  # ---- log-rank (survdiff, rho = 0)
  if (!is.null(group) && length(labels) > 1) {
    sd <- survdiff(surv ~ g)
    add("logrank.chisq", sd$chisq)
    add("logrank.df", sum(sd$exp > 0) - 1)
    add("logrank.p", pchisq(sd$chisq, sum(sd$exp > 0) - 1, lower.tail = FALSE))
    for (i in seq_along(labels)) {
      add(paste0("logrank.", labels[i], ".observed"), sd$obs[i])
      add(paste0("logrank.", labels[i], ".expected"), sd$exp[i])
    }
  }

  # ---- Cox PH (coxph defaults: ties = "efron", coxph.control())
  if (length(covariates) > 0) {
    f <- as.formula(paste("Surv(", time, ",", event, ") ~", paste(covariates, collapse = " + ")))
    warned <- character(0)
    cf <- withCallingHandlers(coxph(f, data = d),
                              warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
    sm <- summary(cf)
    co <- sm$coefficients
    ci <- sm$conf.int
    for (v in covariates) {
      add(paste0("cox.", v, ".coef"), co[v, "coef"])
      add(paste0("cox.", v, ".hr"), co[v, "exp(coef)"])
      add(paste0("cox.", v, ".se"), co[v, "se(coef)"])
      add(paste0("cox.", v, ".z"), co[v, "z"])
      add(paste0("cox.", v, ".p"), co[v, "Pr(>|z|)"])
      add(paste0("cox.", v, ".lower"), ci[v, "lower .95"])
      add(paste0("cox.", v, ".upper"), ci[v, "upper .95"])
    }
    add("cox.n", cf$n)
    add("cox.events", cf$nevent)
    add("cox.dropped", nrow(d) - cf$n)
    add("cox.iterations", cf$iter)
    add("cox.loglik.null", cf$loglik[1])
    add("cox.loglik.fitted", cf$loglik[2])
    add("cox.lr.chisq", sm$logtest["test"])
    add("cox.lr.df", sm$logtest["df"])
    add("cox.lr.p", sm$logtest["pvalue"])
    # summary.coxph rounds the Wald statistic to 2 decimals; use the unrounded fit$wald.test
    add("cox.wald.chisq", cf$wald.test)
    add("cox.wald.p", pchisq(cf$wald.test, length(covariates), lower.tail = FALSE))
    add("cox.score.chisq", sm$sctest["test"])
    add("cox.score.p", sm$sctest["pvalue"])
    add("cox.concordance", cf$concordance["concordance"])
    add("cox.concordance.se", cf$concordance["std"])
    add("cox.concordant", cf$concordance["concordant"])
    add("cox.discordant", cf$concordance["discordant"])
    add("cox.tied.risk", cf$concordance["tied.x"])
    add("cox.tied.time", cf$concordance["tied.y"])
    kinds <- c(if (any(grepl("did not converge", warned))) "nonconvergence",
               if (any(grepl("infinite", warned))) "infinite")
    kv <- c(kv, paste0("cox.warnings,", if (length(kinds)) paste(kinds, collapse = "|") else "none"))
  }
  writeLines(kv, file.path(outdir, paste0(name, "-expected.csv")))
  invisible(NULL)
}

# ---------------------------------------------------------------- data sets
data(cancer, package = "survival")

# aml: ties, two text groups; 'maintained' is x recoded to 0/1 for Cox
aml2 <- data.frame(time = aml$time, status = aml$status, x = as.character(aml$x),
                   maintained = as.integer(aml$x == "Maintained"))
fixture("aml", aml2, "time", "status", "x", c("maintained"))

# veteran: treatment groups and several covariates (ties in time)
vet <- veteran
vet$celltype <- as.character(vet$celltype)
fixture("veteran", vet, "time", "status", "trt", c("trt", "karno", "age", "prior", "diagtime"))
# veteran by a text group with four levels
fixture("veteran-celltype", vet, "time", "status", "celltype", c("karno", "age"))

# ovarian: small, no ties in the covariates used
fixture("ovarian", ovarian, "futime", "fustat", "rx", c("age", "ecog.ps", "rx"))

# lung: NAs in covariates and in ph.ecog; status recoded from 1/2 to 0/1
lung2 <- lung
lung2$status <- lung2$status - 1L
fixture("lung", lung2, "time", "status", "sex", c("age", "sex", "ph.ecog", "ph.karno", "wt.loss"))
fixture("lung-ecog", lung2, "time", "status", "ph.ecog", c("age", "meal.cal"))

# Therneau & Grambsch appendix data set 1 (survival tests/book1.R, book2.R), one NA status
test1 <- data.frame(time = c(9, 3, 1, 1, 6, 6, 8), status = c(1, NA, 1, 0, 1, 1, 0),
                    x = c(0, 2, 1, 1, 1, 0, 0))
fixture("book-test1", test1, "time", "status", NULL, c("x"))

# A curve that sits exactly at 0.5 over an interval: median is the midpoint rule
flat <- data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8), status = c(1, 1, 1, 1, 1, 1, 0, 1),
                   arm = c("a", "a", "a", "a", "a", "a", "b", "b"))
fixture("flat", flat, "time", "status", NULL, NULL)
fixture("flat-groups", data.frame(time = c(1, 2, 3, 4, 10, 20, 30, 40, 50, 60),
                                  status = c(1, 1, 0, 0, 1, 0, 1, 1, 0, 0),
                                  arm = rep(c("a", "b"), c(4, 6))),
        "time", "status", "arm", NULL)

# Synthetic: heavy ties (integer times), three groups, continuous and binary covariates
set.seed(20240611)
n <- 400
syn <- data.frame(x1 = round(rnorm(n), 3), x2 = rbinom(n, 1, 0.4), x3 = round(runif(n, 20, 80)))
lp <- 0.5 * syn$x1 - 0.7 * syn$x2 + 0.02 * syn$x3
syn$time <- pmax(1, round(rexp(n, 0.05 * exp(lp - mean(lp))) ))
cens <- round(runif(n, 5, 60))
syn$status <- as.integer(syn$time <= cens)
syn$time <- pmin(syn$time, cens)
syn$arm <- sample(c("A", "B", "C"), n, replace = TRUE)
fixture("synthetic", syn, "time", "status", "arm", c("x1", "x2", "x3"))

# Perfect separation: R warns that the coefficient may be infinite
sep <- data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8), status = c(1, 1, 1, 1, 1, 1, 1, 1),
                  x = c(1, 1, 1, 1, 0, 0, 0, 0))
fixture("separation", sep, "time", "status", NULL, c("x"))

# Runs out of iterations (R: "Ran out of iterations and did not converge")
fixture("nonconvergence", data.frame(time = c(1, 2, 3, 4, 5, 6), status = c(1, 0, 1, 1, 0, 1),
                                     x = c(5, 4, 3, 2, 1, 0)), "time", "status", NULL, c("x"))

# Upper chi-square tails (p-values), including very small ones; key: pchisq,<x>,<df>
tails <- expand.grid(x = c(0.001, 0.5, 1, 3.84, 10, 50, 200, 700), df = c(1, 2, 3, 5, 10, 41))
writeLines(sprintf("%s,%s,%s", num(tails$x), tails$df,
                   num(pchisq(tails$x, tails$df, lower.tail = FALSE))),
           file.path(outdir, "pchisq.csv"))

cat("fixtures written to", normalizePath(outdir), "\n")

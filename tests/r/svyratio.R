# The survey index of cchc, computed by R's survey package (Lumley), for the comparison test
# `tests/e2e/r_survey.rs`.
#
# Input (CSV): key, year, respondent, y, x, w — one row per respondent and group (`key` names
# the unit and group), y = answers at level 4–5, x = valid answers, w = weight.
# Output (CSV): key, year, index, se, ci_low, ci_high, p_value (against the year before).
#
# Each (key, year) is its own design: one row per respondent, respondents as clusters, drawn
# with replacement (svydesign's default without fpc), weights w.
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
out <- NULL
for (k in unique(d$key)) {
  for (yr in sort(unique(d$year[d$key == k]))) {
    s <- d[d$key == k & d$year == yr, ]
    des <- svydesign(ids = ~respondent, weights = ~w, data = s)
    r <- svyratio(~y, ~x, des)
    est <- as.numeric(coef(r))
    se <- as.numeric(SE(r))
    if (nrow(s) < 2 || !is.finite(se) || se == 0) se <- NA
    z <- qnorm(0.975)
    lo <- plogis(qlogis(est) - z * se / (est * (1 - est)))
    hi <- plogis(qlogis(est) + z * se / (est * (1 - est)))
    out <- rbind(out, data.frame(key = k, year = yr, index = est, se = se,
                                 ci_low = lo, ci_high = hi))
  }
}
out$p_value <- NA
for (i in seq_len(nrow(out))) {
  j <- which(out$key == out$key[i] & out$year == out$year[i] - 1)
  if (length(j) == 1 && !is.na(out$se[i]) && !is.na(out$se[j])) {
    z <- (out$index[i] - out$index[j]) / sqrt(out$se[i]^2 + out$se[j]^2)
    out$p_value[i] <- 2 * pnorm(-abs(z))
  }
}
write.csv(out, args[2], row.names = FALSE)

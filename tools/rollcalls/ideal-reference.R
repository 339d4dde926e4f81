# The reference the scale tests compare against: pscl's Bayesian IRT
# ideal() (Clinton, Jackman & Rivers 2004) on the 109th Senate, one
# dimension, pscl's defaults (10,000 MCMC iterations, burn-in 5,000, thin
# 100, unanimous votes dropped), posterior means normalised to mean 0 and
# sd 1. Run from the repository root:
#   Rscript tools/rollcalls/ideal-reference.R
# Writes tests/data/scale/ideal-s109.csv (about a minute). Needs r-cran-pscl;
# never run at build or test time.
suppressMessages(library(pscl))
data(s109)
set.seed(109)
fit <- ideal(s109, d = 1, normalize = TRUE, verbose = FALSE)
L <- s109$legis.data
rn <- rownames(L)
surname <- gsub("[^a-z]", "", tolower(sub(" \\(.*$", "", rn)))
id <- ifelse(L$state == "USA", surname, paste0(surname, "-", tolower(L$state)))
sd1 <- apply(fit$x[, , 1], 2, sd)
out <- data.frame(id = id, party = L$party,
                  ideal_dim1 = sprintf("%.4f", fit$xbar[rn, 1]),
                  ideal_sd1 = sprintf("%.4f", sd1[rn]))
write.csv(out, "tests/data/scale/ideal-s109.csv", row.names = FALSE, quote = FALSE)

# The same for the Supreme Court 1994-97 (pscl's sc9497, 9 x 213, no
# unanimous cases): tests/data/scale/ideal-sc9497.csv, a few seconds.
data(sc9497)
S <- sc9497$votes
rc <- rollcall(S, yea = 1, nay = 0, missing = NA, legis.names = rownames(S))
set.seed(9497)
fit <- ideal(rc, d = 1, normalize = TRUE, verbose = FALSE)
jid <- c("rehnquist", "stevens", "oconnor", "scalia", "kennedy", "souter",
         "thomas", "ginsburg", "breyer")
party <- c("R", "R", "R", "R", "R", "R", "R", "D", "D") # appointed by
out <- data.frame(id = jid, party = party, ideal_dim1 = sprintf("%.4f", fit$xbar[, 1]),
                  ideal_sd1 = sprintf("%.4f", apply(fit$x[, , 1], 2, sd)))
write.csv(out, "tests/data/scale/ideal-sc9497.csv", row.names = FALSE, quote = FALSE)

# Write the roll calls that Debian's r-cran-pscl ships as stancegraph CSV
# files (graphs/README.md says what they hold and where they come from).
# Run from the repository root: Rscript tools/rollcalls/export-pscl.R
# Needs r-base-core and r-cran-pscl; only for regenerating the files, never
# at build or test time.
suppressMessages(library(pscl))
data(s109); data(sc9497)
q <- function(x) { x <- as.character(x); need <- grepl('[",\n\r]', x) | x != trimws(x); x[need] <- paste0('"', gsub('"', '""', x[need]), '"'); x }
## ---- 109th Senate ----
# Codes (Voteview): 1-3 yea, 4-6 nay, 7-9 not voting, 0 not in the Senate
# at the time (no row). The president's announced positions are row BUSH.
L <- s109$legis.data; V <- s109$vote.data; M <- s109$votes
rn <- rownames(M)
surname <- tolower(sub(" \\(.*$", "", rn)); surname <- gsub("[^a-z]", "", surname)
aid <- ifelse(L$state == "USA", surname, paste0(surname, "-", tolower(L$state)))
stopifnot(!anyDuplicated(aid))
type <- ifelse(L$state == "USA", "president", "senator")
pid <- sprintf("s%d-%03d", V$session, V$number)
stopifnot(!anyDuplicated(pid))
bill <- as.character(V$bill); question <- as.character(V$question)
plabel <- trimws(as.character(V$description))
short <- function(s, n = 64) { if (nchar(s) <= n) return(s); cut <- substr(s, 1, n - 1); sp <- regexpr(" [^ ]*$", cut); if (sp > 0) cut <- substr(cut, 1, sp - 1); paste0(sub("[ ,;:.]+$", "", cut), "\u2026") }
slabel <- vapply(plabel, short, "")
rows <- list(); k <- 0
pos <- function(code) ifelse(code %in% 1:3, "yea", ifelse(code %in% 4:6, "nay", ifelse(code %in% 7:9, "not voting", NA)))
out <- file("graphs/us-senate-109.csv", "w")
writeLines("actor,actor_label,type,group,party,state,icpsr,proposal,proposal_label,date,position", out)
for (j in seq_len(ncol(M))) {
  p <- pos(M[, j]); keep <- !is.na(p)
  writeLines(paste(aid[keep], q(rn[keep]), type[keep], L$party[keep], L$party[keep], L$state[keep], L$icpsrLegis[keep],
                   pid[j], q(slabel[j]), format(V$date[j]), p[keep], sep = ","), out)
}
close(out)
vt <- data.frame(proposal = pid, session = V$session, rollnumber = V$number, date = format(V$date), bill = bill,
                 question = question, result = V$result, yeatotal = V$yeatotal, naytotal = V$naytotal, description = plabel)
write.csv(vt, "graphs/sources/us-senate-109-rollcalls.csv", row.names = FALSE)
## ---- Supreme Court 1994-97 ----
S <- sc9497$votes
jid <- c("rehnquist","stevens","oconnor","scalia","kennedy","souter","thomas","ginsburg","breyer")
jlab <- c("William Rehnquist","John Paul Stevens","Sandra Day O'Connor","Antonin Scalia","Anthony Kennedy","David Souter","Clarence Thomas","Ruth Bader Ginsburg","Stephen Breyer")
stopifnot(rownames(S)[c(1,2,3,4,5,6,7,8)] == c("Rehnquist","Stevens","O'Connor","Scalia","Kennedy","Souter","Thomas","Ginsburg"))
appt <- c("Nixon","Ford","Reagan","Reagan","Reagan","Bush","Bush","Clinton","Clinton")
grp <- c("R","R","R","R","R","R","R","D","D")
out <- file("graphs/us-supreme-court-1994-97.csv", "w")
writeLines("actor,actor_label,group,appointed_by,proposal,proposal_label,position", out)
for (j in seq_len(ncol(S))) {
  p <- ifelse(is.na(S[, j]), "not voting", ifelse(S[, j] == 1, "yea", "nay"))
  writeLines(paste(jid, q(jlab), grp, appt, sprintf("case%03d", j), q(colnames(S)[j]), p, sep = ","), out)
}
close(out)

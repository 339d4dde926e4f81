# Write pscl's 109th Senate (the data set behind graphs/us-senate-109.csv) in
# the layout of Voteview's downloads (voteview.com/data): a member-votes
# file, a members file and a roll-calls file, as graphs/voteview/S109_*.csv.
# graphs/README.md says what the columns hold and what differs from
# Voteview's own files. Run from the repository root:
#   Rscript tools/rollcalls/export-voteview.R
# Needs r-base-core and r-cran-pscl; only for regenerating the files, never
# at build or test time.
suppressMessages(library(pscl))
data(s109)
q <- function(x) { x <- as.character(x); x[is.na(x)] <- ""; need <- grepl('[",\n\r]', x) | x != trimws(x); x[need] <- paste0('"', gsub('"', '""', x[need]), '"'); x }
L <- s109$legis.data; V <- s109$vote.data; M <- s109$votes
president <- L$state == "USA"
## Members: one row per member of the 109th Congress's Senate, and the
## president. bioname is pscl's label (Voteview's files give the full name,
## surname first).
members <- data.frame(congress = 109, chamber = ifelse(president, "President", "Senate"),
                      icpsr = L$icpsrLegis, state_icpsr = L$icpsrState, district_code = L$cd,
                      state_abbrev = L$state, party_code = L$partyCode, bioname = q(rownames(M)))
write.table(members, "graphs/voteview/S109_members.csv", sep = ",", quote = FALSE, row.names = FALSE)
## Roll calls: Voteview numbers them through the Congress (1-645);
## clerk_rollnumber is the Senate clerk's number within the session (pscl's).
bill <- as.character(V$bill); bill[bill == "n/a"] <- ""
rollcalls <- data.frame(congress = 109, chamber = "Senate", rollnumber = seq_len(nrow(V)),
                        date = format(V$date), session = V$session, clerk_rollnumber = V$number,
                        yea_count = V$yeatotal, nay_count = V$naytotal, bill_number = q(bill),
                        vote_result = q(V$result), vote_desc = q(trimws(as.character(V$description))),
                        vote_question = q(V$question))
write.table(rollcalls, "graphs/voteview/S109_rollcalls.csv", sep = ",", quote = FALSE, row.names = FALSE)
## Member votes: one row per member and roll call, in roll-call order and,
## within one, in pscl's order of members; code 0 (not in the Senate at the
## time) has no row. pscl has no NOMINATE probabilities, so there is no prob
## column.
out <- file("graphs/voteview/S109_votes.csv", "w")
writeLines("congress,chamber,rollnumber,icpsr,cast_code", out)
for (j in seq_len(ncol(M))) {
  keep <- M[, j] != 0
  writeLines(paste(109, "Senate", j, L$icpsrLegis[keep], M[keep, j], sep = ","), out)
}
close(out)

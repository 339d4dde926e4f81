-- A boolean agreement of 2.
.read mini.sql
UPDATE DATABOOLEAN SET Value = 2 WHERE StatementId = 4;

-- A view standing in for a table: refused, never run.
.read mini.sql
ALTER TABLE STATEMENTS RENAME TO S2;
CREATE VIEW STATEMENTS AS SELECT * FROM S2;

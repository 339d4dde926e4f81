-- mini.sql with two statements that run past the end of their document
-- (document 1 is 41 UTF-16 code units long, document 2 is 28).
.read mini.sql
UPDATE STATEMENTS SET Stop = 42 WHERE ID = 2;
UPDATE STATEMENTS SET Start = 30, Stop = 35 WHERE ID = 5;

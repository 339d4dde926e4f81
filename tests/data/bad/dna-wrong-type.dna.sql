-- Start and Stop must be integers.
.read mini.sql
UPDATE STATEMENTS SET Start = 'eight' WHERE ID = 1;
UPDATE STATEMENTS SET Stop = 15.5 WHERE ID = 2;

-- An entity whose value is not UTF-8 (a Latin-1 ü).
.read mini.sql
UPDATE ENTITIES SET Value = CAST(X'4772FC6E65' AS TEXT) WHERE ID = 3;

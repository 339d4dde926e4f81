-- An organization's name of 70 million bytes, over the reader's limit of
-- 64 MB per value.
.read mini.sql
UPDATE ENTITIES SET Value = CAST(zeroblob(70000000) AS TEXT) WHERE ID = 3;

-- The file ends after its third page (sg-truncate: the test cuts it).
.read mini.sql
-- sg-truncate 3072

-- The STATEMENTS table's page (page 11 of 1024 bytes: bytes 10240..11263)
-- overwritten with garbage (sg-poke: the test writes the byte 165 at every
-- offset of the range).
.read mini.sql
-- sg-poke 10240 1024 165

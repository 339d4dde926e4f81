-- Statements that point at a document and an entity that do not exist.
.read mini.sql
UPDATE STATEMENTS SET DocumentId = 9 WHERE ID = 5;
UPDATE DATASHORTTEXT SET Entity = 99 WHERE ID = 8;

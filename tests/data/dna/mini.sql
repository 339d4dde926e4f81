-- A small DNA database built by hand: two documents with multi-byte text
-- (Start and Stop count UTF-16 code units, as DNA's Java does: the emoji
-- counts two), persons in organizations, entity attributes and colours,
-- and a second statement type that must be ignored.
.read schema.sql
INSERT INTO STATEMENTTYPES VALUES (1, 'DNA Statement', 239, 208, 51),
  (2, 'Annotation', 211, 211, 211);
INSERT INTO VARIABLES VALUES (1, 'person', 'short text', 1),
  (2, 'organization', 'short text', 1), (3, 'concept', 'short text', 1),
  (4, 'agreement', 'boolean', 1), (5, 'note', 'long text', 2),
  (6, 'intensity', 'integer', 1);
-- 1704067200 = 2024-01-01 00:00 UTC; 1704153599 = 2024-01-01 23:59:59.
INSERT INTO DOCUMENTS (ID, Title, Text, Author, Source, Section, Type, Date)
VALUES (1, 'Zeitung A', 'Café 😀 Ölpreis: Wir sind für die Steuer.', 'Anna',
        'Tagblatt', 'Politik', 'Bericht', 1704153599),
       (2, 'Zeitung B', 'Nein zur Steuer, sagt Bauer.', '', 'Kurier', '', '',
        1704240000);
INSERT INTO ENTITIES VALUES
  (1, 1, 'Erika Muster', 255, 0, 0, NULL), (2, 1, 'Hans Bauer', 0, 0, 255, NULL),
  (3, 2, 'Grüne', 0, 153, 0, NULL), (4, 2, 'Bauernverband', 0, 0, 0, NULL),
  (5, 3, 'CO2-Steuer', 10, 20, 30, NULL), (6, 2, 'Verein', NULL, NULL, NULL, NULL);
INSERT INTO ATTRIBUTEVARIABLES VALUES (1, 1, 'Type'), (2, 2, 'Type'),
  (3, 3, 'Type'), (4, 2, 'Alias'), (5, 2, 'Notes');
INSERT INTO ATTRIBUTEVALUES VALUES (1, 3, 2, 'Partei'), (2, 3, 4, 'Die Grünen'),
  (3, 4, 2, 'Verband'), (4, 5, 3, 'Klima'), (5, 4, 5, ''), (6, 1, 1, 'Politikerin');
-- "Café 😀 " is 8 UTF-16 code units; statement 1 quotes "Ölpreis",
-- statement 2 "Wir sind für die Steuer.", statement 4 "Nein zur Steuer".
INSERT INTO STATEMENTS VALUES (1, 1, 1, 8, 15, 1), (2, 1, 1, 17, 41, 1),
  (3, 2, 1, 0, 4, 1), (4, 1, 2, 0, 15, 1), (5, 1, 2, 0, 4, 1);
INSERT INTO DATASHORTTEXT VALUES (1, 1, 1, 1), (2, 1, 2, 3), (3, 1, 3, 5),
  (4, 2, 1, 1), (5, 2, 2, 3), (6, 2, 3, 5),
  (7, 4, 1, 2), (8, 4, 2, 4), (9, 4, 3, 5),
  (10, 5, 1, 2), (11, 5, 2, 6), (12, 5, 3, 5);
INSERT INTO DATABOOLEAN VALUES (1, 1, 4, 1), (2, 2, 4, 1), (3, 4, 4, 0),
  (4, 5, 4, 0);
INSERT INTO DATAINTEGER VALUES (1, 1, 6, 5), (2, 2, 6, 3), (3, 4, 6, 1),
  (4, 5, 6, 2);
INSERT INTO DATALONGTEXT VALUES (1, 3, 5, 'an annotation');

-- A DNA database whose schema defines a trigger: refused before anything
-- is read (and triggers are switched off besides).
.read mini.sql
CREATE TRIGGER wipe AFTER INSERT ON CODERS BEGIN DELETE FROM STATEMENTS; END;

-- Some other SQLite database.
CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);
INSERT INTO notes VALUES (1, 'hello');

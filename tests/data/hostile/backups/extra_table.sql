-- a table the migrations do not make
CREATE TABLE stash (secret TEXT);

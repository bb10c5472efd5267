-- issue 13 item 3: a view standing in for the tasks table
ALTER TABLE tasks RENAME TO tasks_real;
CREATE VIEW tasks AS SELECT * FROM tasks_real;

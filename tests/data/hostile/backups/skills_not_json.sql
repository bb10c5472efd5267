-- issue 13 item 5: values the app never writes
UPDATE tasks SET skills = 'not json' WHERE id = 'logo';

UPDATE tasks SET deadline = 'not-a-date' WHERE id = 'logo';

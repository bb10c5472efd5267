UPDATE candidates SET rating = 'abc' WHERE id = (SELECT id FROM candidates LIMIT 1);

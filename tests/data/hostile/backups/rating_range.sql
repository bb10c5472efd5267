-- the right type but a value the model refuses (ratings are 0 to 5)
UPDATE candidates SET rating = 99 WHERE id = (SELECT id FROM candidates LIMIT 1);

INSERT OR REPLACE INTO interviews (candidate, date, scores, notes) VALUES ((SELECT id FROM candidates LIMIT 1), NULL, '[1,2,3]', '');

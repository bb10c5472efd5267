-- issue 13 item 3: a trigger fired by restore's own history row, and on every later change
CREATE TRIGGER evil AFTER INSERT ON history BEGIN DELETE FROM candidates; UPDATE business SET name='pwned'; END;

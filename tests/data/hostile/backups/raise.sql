-- issue 13 item 4: a trigger that makes every later write fail
CREATE TRIGGER boom BEFORE INSERT ON history BEGIN SELECT RAISE(ABORT, 'boom'); END;

-- The sizes app.json's formation last applied (JSON, process type to MB), so a 'paas limits:set' by hand is kept
-- until the file's size changes, as for the formation's quantities.
ALTER TABLE app_json_state ADD COLUMN sizes TEXT;

-- The interface language each person chose, so it follows them across devices.
-- Null: never chosen; the web app follows the browser's languages.
ALTER TABLE users ADD COLUMN locale text NULL CHECK (locale IN ('en', 'fr'));

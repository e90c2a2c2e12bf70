from django.db import migrations

# The admin's search by words (PressReleaseQuerySet.with_words), on PostgreSQL
# only: SQLite has no GIN indexes, and its admin searches for text as Django does.
# A column outside the model, filled by a trigger on every insert and on every
# change of the title, lead or body, whatever writes it (bulk inserts too).

CREATE = """
ALTER TABLE pressroom_pressrelease ADD COLUMN words tsvector;
CREATE FUNCTION pressroom_release_words() RETURNS trigger AS $$
BEGIN
    NEW.words := to_tsvector(
        '{config}'::regconfig,
        coalesce(NEW.title, '') || ' ' || coalesce(NEW.lead, '') || ' '
        || coalesce(NEW.body, '')
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER pressroom_release_words
    BEFORE INSERT OR UPDATE OF title, lead, body ON pressroom_pressrelease
    FOR EACH ROW EXECUTE FUNCTION pressroom_release_words();
UPDATE pressroom_pressrelease SET title = title;
CREATE INDEX pressroom_release_words ON pressroom_pressrelease USING gin (words);
"""

DROP = """
DROP TRIGGER IF EXISTS pressroom_release_words ON pressroom_pressrelease;
DROP FUNCTION IF EXISTS pressroom_release_words();
ALTER TABLE pressroom_pressrelease DROP COLUMN IF EXISTS words;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The English configuration: the column holds the English text.
        schema_editor.execute(CREATE.format(config="english"))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("pressroom", "0004_checked_uploads")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

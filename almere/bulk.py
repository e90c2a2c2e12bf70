"""Writing many rows at once, for the synthetic archive and the search index rebuild.

Both draw rows in Python while the database works on the ones before: at 100,000
press releases each spends about as long waiting for PostgreSQL (the releases'
word vectors, the search vectors, the indexes) as it does drawing. ``Writes`` lets
the two overlap: the drawing goes on in the caller's thread while a second thread
hands the finished rows to the database, on the caller's own connection and
transaction, one statement after another in the order they were given.

On SQLite the statements run at once in the caller's thread.
"""

import queue
import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections, models

BATCH_SIZE = 1000
# Statements given but not yet run: enough for a few batches of releases and their
# links (five statements a batch), few enough that their rows do not pile up in
# memory.
WAITING = 16


class Writes:
    """Statements run in order on the caller's connection and transaction.

    ``with Writes() as writes: writes.rows(...)``. Each statement is a function
    given a DB-API cursor of the caller's connection. On PostgreSQL a second thread
    runs them (psycopg2 lets threads share a connection, one statement at a time),
    so that the caller's Python goes on meanwhile; the first error is raised in the
    caller's thread, at its next statement or on leaving the block, and nothing
    given after it runs. Leaving the block waits for every statement.

    The caller's own queries meanwhile see what has run so far, not what is still
    waiting; ``wait()`` before reading what was given, or before a savepoint
    (``atomic()`` inside the block), which would otherwise not hold the waiting
    statements.
    """

    def __init__(self, using: str = "default", *, background: bool | None = None):
        self.connection = connections[using]
        if background is None:
            background = self.connection.vendor == "postgresql"
        self.background = background
        self._waiting: queue.Queue = queue.Queue(maxsize=WAITING)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False

    def __enter__(self) -> "Writes":
        if self.background:
            self.connection.ensure_connection()
            # The DB-API connection itself: Django's wrapper belongs to this thread.
            self._thread = threading.Thread(
                target=self._work,
                args=(self.connection.connection,),
                name="bulk-writes",
                daemon=True,
            )
            self._thread.start()
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        # The caller failed: what it gave is not run any more (the transaction is
        # rolled back). A failed statement is raised even so: it is likely the cause.
        self._stopped = exc_type is not None
        if self._thread is not None:
            self._waiting.put(None)
            self._thread.join()
            self._thread = None
        self._raise()

    def _work(self, raw_connection) -> None:
        with raw_connection.cursor() as cursor:
            while (statement := self._waiting.get()) is not None:
                if self._error is None and not self._stopped:
                    try:
                        statement(cursor)
                    except BaseException as error:  # raised in the caller's thread
                        self._error = error
                self._waiting.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            # As Django's own errors (IntegrityError and so on), as a query raises.
            with self.connection.wrap_database_errors:
                raise error

    def wait(self) -> None:
        """Return once every statement given so far has run."""
        if self._thread is not None:
            self._waiting.join()
        self._raise()

    def run(self, statement: Callable[[Any], None]) -> None:
        """Run ``statement(cursor)`` after the statements given before it."""
        self._raise()
        if self._thread is None:
            with self.connection.cursor() as cursor:
                with self.connection.wrap_database_errors:
                    statement(cursor.cursor)
        else:
            self._waiting.put(statement)

    def rows(
        self,
        table: str,
        columns: list[str],
        rows: list[tuple],
        *,
        batch_size: int = BATCH_SIZE,
        template: str | None = None,
    ) -> None:
        """Insert plain rows of values the database takes as they are, many rows
        a statement. ``template`` (PostgreSQL) is one row's VALUES, as in
        psycopg2's ``execute_values``."""
        if not rows:
            return
        quote = self.connection.ops.quote_name
        into = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
        if self.connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            def statement(cursor) -> None:
                execute_values(
                    cursor, into + "%s", rows, template=template, page_size=batch_size
                )
        else:
            if template is not None:
                raise ValueError("A row template is for PostgreSQL only.")

            def statement(cursor) -> None:
                cursor.executemany(into + f"({', '.join(['%s'] * len(columns))})", rows)

        self.run(statement)

    def objects(
        self, model: type[models.Model], objects: Iterable[models.Model]
    ) -> None:
        """Insert unsaved instances that already carry their primary keys
        (:func:`next_keys`), with the values ``save()`` would write."""
        fields = model._meta.concrete_fields
        connection = self.connection
        rows = [
            tuple(
                field.get_db_prep_save(field.pre_save(instance, True), connection)
                for field in fields
            )
            for instance in objects
        ]
        if any(row[fields.index(model._meta.pk)] is None for row in rows):
            raise ValueError(f"Each {model._meta.verbose_name} needs its key first.")
        self.rows(model._meta.db_table, [field.column for field in fields], rows)


def next_keys(model: type[models.Model], count: int, using: str = "default") -> list:
    """Primary keys for ``count`` new rows of ``model``, taken now so that rows
    that point at them can be drawn before the rows themselves are written.

    PostgreSQL: from the table's sequence, as an INSERT takes them. SQLite: after
    the highest key used (the table's AUTOINCREMENT counter, or its rows if
    higher): nothing holds them for the caller, who writes its rows before anything
    else is added to the table (within its transaction, which holds SQLite's write
    lock, nobody else adds any).
    """
    if count <= 0:
        return []
    connection = connections[using]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                "FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return sorted(key for (key,) in cursor.fetchall())
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s),"
            f" 0), coalesce((SELECT max({quote(column)}) FROM {quote(table)}), 0))",
            [table],
        )
        (highest,) = cursor.fetchone()
    return list(range(highest + 1, highest + 1 + count))

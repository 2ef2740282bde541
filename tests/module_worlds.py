"""Worlds built once per module: expensive rows every test of a module reads, rolled back when
the module ends."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def rolled_back_at_the_end(django_db_blocker) -> Iterator[None]:
    """For a module-scoped world: what is written inside the block (build it under
    `django_db_blocker.unblock()`) stays for every test of the module and is rolled back when the
    module ends. Each test still runs in a savepoint of its own (pytest-django's `db`), so what
    one test writes never reaches the next."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

import io

import pytest
from django.core.management import call_command

from tests.module_worlds import rolled_back_at_the_end


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """`load_demo` run once for the module that reads it, rolled back when the module ends."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("load_demo", stdout=io.StringIO())
        yield

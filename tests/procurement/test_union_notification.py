"""Assigning a union representative queues an email, sent after commit, in their language."""

import pytest

from core.roles import Role
from procurement import services
from tests.procurement_helpers import new_case

pytestmark = pytest.mark.django_db


def test_the_representative_is_emailed_once_the_assignment_commits(
    commissioner, organisation, union_rep, mailoutbox, django_capture_on_commit_callbacks
):
    case = new_case(commissioner, organisation)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.case_assign_union_representative(
            actor=commissioner, case=case, representative=union_rep
        )
    assert mailoutbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [union_rep.email]
    assert case.title in mailoutbox[0].subject
    assert f"/cases/{case.pk}/" in mailoutbox[0].body


def test_a_welsh_speaking_representative_is_written_to_in_welsh(
    commissioner, organisation, user_with_role, mailoutbox, django_capture_on_commit_callbacks
):
    representative = user_with_role(Role.UNION_REPRESENTATIVE, preferred_language="cy")
    case = new_case(commissioner, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_assign_union_representative(
            actor=commissioner, case=case, representative=representative
        )
    assert "Annwyl" in mailoutbox[0].body


def test_assigning_someone_who_is_not_a_union_representative_is_refused(
    commissioner, organisation, worker
):
    from django.core.exceptions import ValidationError

    case = new_case(commissioner, organisation)
    with pytest.raises(ValidationError):
        services.case_assign_union_representative(
            actor=commissioner, case=case, representative=worker
        )

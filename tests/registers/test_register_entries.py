"""The register entry: its clocks (R-REG-INIT, R-REG-CHANGE), its workflow and its versions."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import legal_time
from core.clock import uk_today
from core.roles import Role
from registers import selectors, services
from registers import views as registers_views
from registers.models import DecisionCategory, DueRule, EntryStatus, RegisterEntry
from tests.data import legal_time_cases
from tests.register_helpers import entry_for, entry_text, published_entry, register_system

pytestmark = pytest.mark.django_db

REG_CASES = {
    case["id"]: case
    for case in legal_time_cases()
    if case["rule"] in {"R-REG-INIT", "R-REG-CHANGE"}
}


def at(day: datetime.date):
    """Noon UK time on `day`, with the clock stopped."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=legal_time.UK)
    return time_machine.travel(moment, tick=False)


def iso(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def test_the_worked_examples_are_all_here():
    assert {"REG-01", "REG-02"} <= set(REG_CASES)


@pytest.mark.parametrize(
    "case", [c for c in REG_CASES.values() if c["rule"] == "R-REG-INIT"], ids=lambda c: c["id"]
)
def test_an_entry_is_due_three_months_after_first_use(case, commissioner, organisation):
    first_use = iso(case["inputs"]["first_use_date"])
    with at(first_use):
        system = register_system(commissioner, organisation, first_use=first_use)
    entry = entry_for(system)
    assert entry.status == EntryStatus.DRAFT
    assert entry.due_by == iso(case["expected"]["due_date"])
    assert entry.due_rule == DueRule.INITIAL
    due = selectors.register_entry_due(system)
    assert due is not None
    assert entry.due_by == due.due


@pytest.mark.parametrize(
    "case", [c for c in REG_CASES.values() if c["rule"] == "R-REG-CHANGE"], ids=lambda c: c["id"]
)
def test_a_change_is_due_in_the_register_three_months_after_it(case, commissioner, organisation):
    changed_on = iso(case["inputs"]["change_date"])
    first_use = changed_on - datetime.timedelta(days=200)
    with at(first_use):
        system = register_system(commissioner, organisation, first_use=first_use)
        entry, _version = published_entry(commissioner, system)
    assert entry.due_by is None
    with at(changed_on):
        update(commissioner, system, supplier="Rota Systems Cyf")
    entry.refresh_from_db()
    assert entry.unrecorded_change_on == changed_on
    assert entry.due_by == iso(case["expected"]["due_date"])
    assert entry.due_rule == DueRule.CHANGE


@pytest.mark.parametrize(
    "case", [c for c in REG_CASES.values() if c["rule"] == "R-REG-CHANGE"], ids=lambda c: c["id"]
)
def test_ending_use_is_a_change_dated_the_day_use_ended(case, commissioner, organisation):
    ended = iso(case["inputs"]["change_date"])
    first_use = ended - datetime.timedelta(days=300)
    with at(first_use):
        system = register_system(commissioner, organisation, first_use=first_use)
        entry, _version = published_entry(commissioner, system)
    with at(ended + datetime.timedelta(days=20)):  # typed three weeks after it happened
        update(commissioner, system, end_of_use=ended)
        entry.refresh_from_db()
        assert entry.due_by == iso(case["expected"]["due_date"])
        final = services.register_entry_retire(
            actor=commissioner, entry=entry, change_note_en="Replaced by a manual rota."
        )
    entry.refresh_from_db()
    assert entry.status == EntryStatus.RETIRED
    assert final.status == EntryStatus.RETIRED
    assert final.change_date == ended
    assert final.end_of_use == ended
    assert entry.due_by is None


def update(actor, system, **changes):
    fields = {
        "name": system.name,
        "supplier": system.supplier,
        "description": system.description,
        "value_chain": system.value_chain,
        "decision_categories": list(system.decision_categories.all()),
        "used_in_high_risk_decision_making": system.used_in_high_risk_decision_making,
        "planned_start": system.planned_start,
        "first_use": system.first_use,
        "end_of_use": system.end_of_use,
    }
    return services.ai_system_update(actor=actor, system=system, **{**fields, **changes})


def test_the_earliest_unrecorded_change_sets_the_due_date(commissioner, organisation):
    with at(datetime.date(2025, 1, 10)):
        system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 10))
        entry, _version = published_entry(commissioner, system)
    with at(datetime.date(2025, 3, 5)):
        update(commissioner, system, supplier="First supplier")
    with at(datetime.date(2025, 4, 20)):
        update(commissioner, system, supplier="Second supplier")
    entry.refresh_from_db()
    assert entry.unrecorded_change_on == datetime.date(2025, 3, 5)
    assert entry.due_by == datetime.date(2025, 6, 5)


def test_a_change_outside_the_register_does_not_start_the_clock(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 10))
    entry, _version = published_entry(commissioner, system)
    update(commissioner, system, value_chain="Hosted by the council's own data centre.")
    entry.refresh_from_db()
    assert entry.due_by is None


def test_a_system_not_in_high_risk_use_has_no_entry(commissioner, organisation):
    system = services.ai_system_create(
        actor=commissioner, organisation=organisation, name="Spellchecker"
    )
    assert not RegisterEntry.objects.filter(system=system).exists()
    with pytest.raises(ValidationError):
        services.register_entry_save(actor=commissioner, system=system, **entry_text())


def test_publishing_freezes_the_entry_and_the_systems_facts(commissioner, organisation):
    first_use = datetime.date(2025, 2, 3)
    system = register_system(
        commissioner,
        organisation,
        first_use=first_use,
        supplier="Rota Systems Ltd",
        categories=("allocation-of-work", "pay"),
    )
    entry, version = published_entry(commissioner, system, name_cy="RotaDoeth")
    assert entry.status == EntryStatus.PUBLISHED
    assert entry.published_version == version
    assert (version.number, version.change_date) == (1, None)
    assert (version.name_en, version.name_cy, version.supplier) == (
        "RotaWise",
        "RotaDoeth",
        "Rota Systems Ltd",
    )
    assert version.first_use == first_use
    assert {c.key for c in version.decision_categories.all()} == {"allocation-of-work", "pay"}
    assert version.purpose_en == entry_text()["purpose_en"]
    assert entry.due_by is None and not entry.has_unpublished_changes


def test_an_edit_stays_private_until_published(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry, version = published_entry(commissioner, system)
    with at(datetime.date(2025, 6, 2)):
        services.register_entry_save(
            actor=commissioner, system=system, **entry_text(purpose_en="A secret new purpose.")
        )
    entry.refresh_from_db()
    assert entry.has_unpublished_changes
    assert entry.published_version is not None
    assert entry.published_version.purpose_en == version.purpose_en
    assert entry.due_by == datetime.date(2025, 9, 2)
    with at(datetime.date(2025, 6, 9)):
        second = services.register_entry_publish(
            actor=commissioner,
            entry=entry,
            change_date=datetime.date(2025, 6, 2),
            change_note_en="New purpose.",
            change_note_cy="Diben newydd.",
        )
    entry.refresh_from_db()
    assert second.number == 2
    assert entry.published_version == second
    assert second.purpose_en == "A secret new purpose."
    assert list(entry.versions.values_list("number", flat=True)) == [2, 1]
    assert entry.versions.get(number=1).purpose_en == version.purpose_en
    assert entry.due_by is None


def test_a_later_version_needs_the_date_and_a_note_of_the_change(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry, _version = published_entry(commissioner, system)
    services.register_entry_save(
        actor=commissioner, system=system, **entry_text(purpose_en="Changed.")
    )
    with pytest.raises(ValidationError) as refused:
        services.register_entry_publish(actor=commissioner, entry=entry)
    assert {"change_date", "change_note_en"} <= set(refused.value.message_dict)
    tomorrow = uk_today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.register_entry_publish(
            actor=commissioner,
            entry=entry,
            change_date=tomorrow,
            change_note_en="x",
            change_note_cy="x",
        )
    assert "change_date" in refused.value.message_dict


def test_publishing_nothing_new_is_refused(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry, _version = published_entry(commissioner, system)
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.register_entry_publish(
            actor=commissioner,
            entry=entry,
            change_date=uk_today(),
            change_note_en="Again.",
            change_note_cy="Eto.",
        )


def test_welsh_is_required_where_the_employer_owes_it(commissioner, organisation):
    organisation.subject_to_welsh_language_standards = True
    organisation.save()
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry = services.register_entry_save(
        actor=commissioner,
        system=system,
        **entry_text(description_cy="", purpose_cy="", data_types_cy=""),
    )
    with pytest.raises(ValidationError) as refused:
        services.register_entry_publish(actor=commissioner, entry=entry)
    assert {"description_cy", "purpose_cy", "data_types_cy"} <= set(refused.value.message_dict)


def test_english_alone_is_enough_elsewhere(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry = services.register_entry_save(
        actor=commissioner,
        system=system,
        **entry_text(description_cy="", purpose_cy="", data_types_cy=""),
    )
    version = services.register_entry_publish(actor=commissioner, entry=entry)
    assert version.description_cy == ""


def test_the_entry_needs_what_s16_3_asks_for(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    system = update(commissioner, system, decision_categories=[])  # s.16(3)(c) gone
    entry = services.register_entry_save(
        actor=commissioner, system=system, **entry_text(purpose_en="", data_types_en="")
    )
    with pytest.raises(ValidationError) as refused:
        services.register_entry_publish(actor=commissioner, entry=entry)
    assert {"purpose_en", "data_types_en", "__all__"} <= set(refused.value.message_dict)


def test_retiring_needs_the_date_use_ended(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry, _version = published_entry(commissioner, system)
    with pytest.raises(ValidationError):
        services.register_entry_retire(actor=commissioner, entry=entry)


def test_an_ended_system_is_retired_not_published(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry, _version = published_entry(commissioner, system)
    update(commissioner, system, end_of_use=datetime.date(2025, 3, 1))
    with pytest.raises(ValidationError, match="record the end of use"):
        services.register_entry_publish(
            actor=commissioner,
            entry=entry,
            change_date=datetime.date(2025, 3, 1),
            change_note_en="Ended.",
            change_note_cy="Wedi dod i ben.",
        )


@pytest.mark.parametrize(
    ("start", "action", "allowed"),
    [
        (EntryStatus.DRAFT, "publish", True),
        (EntryStatus.PUBLISHED, "publish", True),
        (EntryStatus.RETIRED, "publish", True),
        (EntryStatus.DRAFT, "retire", True),
        (EntryStatus.PUBLISHED, "retire", True),
        (EntryStatus.RETIRED, "retire", False),
    ],
)
def test_every_state_and_transition(commissioner, organisation, start, action, allowed):
    """Publishing a retired entry is a reinstatement: its end of use has been withdrawn."""
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry = services.register_entry_save(actor=commissioner, system=system, **entry_text())
    if start != EntryStatus.DRAFT:
        services.register_entry_publish(actor=commissioner, entry=entry)
    if start == EntryStatus.RETIRED:
        update(commissioner, system, end_of_use=datetime.date(2025, 3, 1))
        services.register_entry_retire(actor=commissioner, entry=entry)
    entry.refresh_from_db()
    assert entry.status == start
    if action == "publish":
        update(commissioner, system, end_of_use=None, supplier="Another supplier")
        run = lambda: services.register_entry_publish(  # noqa: E731
            actor=commissioner,
            entry=entry,
            change_date=uk_today(),
            change_note_en="Changed.",
            change_note_cy="Newidiwyd.",
        )
        target = EntryStatus.PUBLISHED
    else:
        if start != EntryStatus.RETIRED:
            update(commissioner, system, end_of_use=datetime.date(2025, 3, 1))
        run = lambda: services.register_entry_retire(actor=commissioner, entry=entry)  # noqa: E731
        target = EntryStatus.RETIRED
    if allowed:
        run()
        entry.refresh_from_db()
        assert entry.status == target
    else:
        with pytest.raises(ValidationError):
            run()


@pytest.mark.parametrize(
    ("role", "can_save", "can_publish"),
    [
        (Role.COMMISSIONER, True, True),
        (Role.ADMINISTRATOR, True, True),
        (Role.PROCUREMENT_OFFICER, True, False),
        (Role.OVERSIGHT_MEMBER, False, False),
        (Role.UNION_REPRESENTATIVE, False, False),
        (Role.WORKER, False, False),
    ],
)
def test_who_may_write_and_publish(
    commissioner, organisation, user_with_role, role, can_save, can_publish
):
    person = commissioner if role == Role.COMMISSIONER else user_with_role(role)
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry = entry_for(system)
    if can_save:
        services.register_entry_save(actor=person, system=system, **entry_text())
    else:
        with pytest.raises(PermissionDenied):
            services.register_entry_save(actor=person, system=system, **entry_text())
        services.register_entry_save(actor=commissioner, system=system, **entry_text())
    if can_publish:
        services.register_entry_publish(actor=person, entry=entry)
    else:
        with pytest.raises(PermissionDenied):
            services.register_entry_publish(actor=person, entry=entry)


def test_another_organisations_staff_may_not_touch_the_entry(
    commissioner, organisation, other_organisation, user_with_role
):
    outsider = user_with_role(Role.COMMISSIONER, organisation=other_organisation)
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    with pytest.raises(PermissionDenied):
        services.register_entry_save(actor=outsider, system=system, **entry_text())


def test_overdue_is_the_day_after_the_due_date(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 11, 30))
    entry = entry_for(system)
    assert entry.due_by == datetime.date(2026, 2, 28)
    assert not selectors.entry_is_overdue(entry, datetime.date(2026, 2, 28))
    assert selectors.entry_is_overdue(entry, datetime.date(2026, 3, 1))


def test_categories_changed_on_the_system_are_a_change(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=datetime.date(2025, 1, 6))
    entry, _version = published_entry(commissioner, system)
    # Its further WAIRA is overdue by now, so a new kind of decision needs its reason.
    update(
        commissioner,
        system,
        decision_categories=list(DecisionCategory.objects.all()[:3]),
        overdue_reason="The union asked for shift swaps to be covered before the review.",
    )
    entry.refresh_from_db()
    assert entry.due_rule == DueRule.CHANGE


def test_page_two_of_the_staff_register_keeps_the_overdue_filter(
    client, commissioner, organisation, monkeypatch
):
    monkeypatch.setattr(registers_views, "ENTRIES_PER_PAGE", 1)
    for name in ("Alpha", "Bravo"):  # due 28 February 2026
        register_system(
            commissioner, organisation, name=name, first_use=datetime.date(2025, 11, 30)
        )
    register_system(  # due 15 June 2026: not overdue
        commissioner, organisation, name="Charlie", first_use=datetime.date(2026, 3, 15)
    )
    client.force_login(commissioner)
    url = reverse("registers:entry_list")
    with at(datetime.date(2026, 4, 1)):
        first = client.get(url, {"show": "overdue"}).content.decode()
        assert 'href="?show=overdue&amp;page=2"' in first
        second = client.get(url, {"show": "overdue", "page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert "Bravo" in second
    assert "Charlie" not in second
    assert 'href="?show=overdue&amp;page=1"' in second

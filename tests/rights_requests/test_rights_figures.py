"""The requests in figures: counts below the organisation's small-number threshold are shown as
"fewer than N", and no hidden count can be worked out by subtraction from the total."""

from __future__ import annotations

import itertools
import re

import pytest
from django.urls import reverse

from core.roles import Role
from core.small_numbers import Figure, Hidden, figure, partition_figures
from tests.rights_helpers import make_request

# --- The rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, "fewer than 5"), (1, "fewer than 5"), (4, "fewer than 5"), (5, "5"), (12, "12")],
)
def test_a_count_below_the_threshold_is_shown_as_fewer_than_it(count, shown):
    assert str(figure(count, 5)) == shown


def test_a_hidden_count_keeps_no_number_a_template_could_print():
    assert figure(3, 5).value is None


def test_a_lone_small_part_of_a_shown_total_hides_a_second_part():
    # 6 = 1 + 5: the 1 would be 6 - 5; the 5 is hidden too.
    total, parts = partition_figures(
        total=6, parts={"open": 1, "refused": 5}, displayed=("open", "refused"), threshold=5
    )
    assert str(total) == "6"
    assert parts["open"].hidden == Hidden.SMALL
    assert parts["refused"].hidden == Hidden.WITHHELD
    assert str(parts["refused"]) == "not shown, to protect a small number"


def test_a_part_the_page_does_not_show_is_unknown_already():
    total, parts = partition_figures(
        total=9,
        parts={"open": 2, "answered": 2, "refused": 5},
        displayed=("open", "refused"),
        threshold=5,
    )
    assert (str(total), str(parts["open"]), str(parts["refused"])) == ("9", "fewer than 5", "5")


def test_unknown_parts_that_add_up_to_nothing_give_their_zeros_away():
    # 5 = 0 + 0 + 5: a reader sees open and answered must both be 0.
    _total, parts = partition_figures(
        total=5,
        parts={"open": 0, "answered": 0, "refused": 5},
        displayed=("open", "refused"),
        threshold=5,
    )
    assert parts["refused"].is_hidden


def test_a_small_total_hides_every_part():
    total, parts = partition_figures(
        total=3, parts={"open": 1, "refused": 2}, displayed=("open", "refused"), threshold=5
    )
    assert all(f.hidden == Hidden.SMALL for f in (total, *parts.values()))


def feasible(key: str, total: int, parts: dict[str, Figure], keys: list[str], top: int) -> range:
    """The values a reader could believe `key` holds, given what is shown: a part shown "fewer
    than N" is 0..N-1, a part not shown or withheld 0..total, and the parts add up to the total.
    Sums of parts with ranges from 0 cover every whole number up to the sum of their tops."""

    def bound(k: str) -> int:
        shown = parts.get(k)
        if shown is not None and shown.value is not None:
            return -1  # known
        return top if shown is not None and shown.hidden == Hidden.SMALL else total

    known = sum(f.value for f in parts.values() if f.value is not None)
    rest = total - known
    others = sum(bound(k) for k in keys if k != key and bound(k) >= 0)
    low, high = max(0, rest - others), min(bound(key), rest)
    return range(low, high + 1)


def test_no_small_part_can_be_worked_out_from_what_is_shown():
    """Every partition of up to 12 into three parts, with one to three of them on the page and
    thresholds 3 to 5: a part shown "fewer than N" always has more than one possible value."""
    keys = ["a", "b", "c"]
    for values in itertools.product(range(6), repeat=3):
        for threshold, shown_count in itertools.product((3, 4, 5), (1, 2, 3)):
            all_parts = dict(zip(keys, values, strict=True))
            total, parts = partition_figures(
                total=sum(values),
                parts=all_parts,
                displayed=keys[:shown_count],
                threshold=threshold,
            )
            if total.value is None:
                continue  # nothing to subtract from
            for key, shown in parts.items():
                if shown.hidden == Hidden.SMALL:
                    possible = feasible(key, total.value, parts, keys, threshold - 1)
                    assert len(possible) > 1, (all_parts, shown_count, threshold, key)


# --- The page ----------------------------------------------------------------------------------


def numeric_cells(page: str) -> list[str]:
    cells = re.findall(r"govuk-table__cell--numeric\"[^>]*>([^<]*)</td>", page)
    return [cell.strip() for cell in cells]


@pytest.mark.django_db
def test_one_request_is_shown_as_fewer_than_five_to_the_union_representative(
    client, worker, organisation, union_rep
):
    make_request(worker, organisation)
    client.force_login(union_rep)
    page = client.get(reverse("rights_requests:figures")).content.decode()
    cells = numeric_cells(page)
    assert cells == ["fewer than 5"] * 6
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert numeric_cells(dashboard) == ["fewer than 5"] * 6


@pytest.mark.django_db
def test_the_organisations_threshold_applies(client, organisation, union_rep, user_with_role):
    organisation.small_number_threshold = 3
    organisation.save()
    for _ in range(3):
        make_request(user_with_role(Role.WORKER), organisation)
    client.force_login(union_rep)
    cells = numeric_cells(client.get(reverse("rights_requests:figures")).content.decode())
    # Made: 3. Open is 3 too, but showing it would give away that none was refused (3 - 3),
    # so it is withheld; every other count is 0, shown as "fewer than 3".
    assert cells[:2] == ["3", "not shown, to protect a small number"]
    assert set(cells[2:]) == {"fewer than 3"}

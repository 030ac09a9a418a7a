"""Which order worker takes a trader's next step: the one that served them last, unless it is
well behind the least busy one."""

from __future__ import annotations

import pytest

from services.orders.workers import STICKY_SLACK, choose_worker


def test_a_trader_stays_with_the_worker_that_served_them() -> None:
    assert choose_worker([3, 0, 1], preferred=0) == 0
    assert choose_worker([STICKY_SLACK, 0], preferred=0) == 0


def test_a_trader_moves_when_their_worker_is_well_behind() -> None:
    assert choose_worker([STICKY_SLACK + 1, 0], preferred=0) == 1
    assert choose_worker([9, 7, 2], preferred=1, slack=4) == 2


@pytest.mark.parametrize("preferred", [None, -1, 3, 99])
def test_a_new_trader_or_a_gone_worker_gets_the_least_busy(preferred: int | None) -> None:
    assert choose_worker([2, 1, 5], preferred=preferred) == 1


def test_ties_go_to_the_first_worker() -> None:
    assert choose_worker([0, 0, 0], preferred=None) == 0

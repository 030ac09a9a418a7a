"""Which pushed orders a process that shares accounts with others reads: its own only."""

from __future__ import annotations

from services.orders.own_orders import OwnOrders

OURS = "tb-0123456789abcdef01234567"


def test_a_request_and_every_identifier_derived_from_it_are_ours() -> None:
    own = OwnOrders()
    own.add(OURS)
    for external in (OURS, f"{OURS}-s1", f"{OURS}-s12", f"{OURS}-r2"):
        assert own.accepts({"external-identifier": external, "id": 7})


def test_anything_else_is_not() -> None:
    own = OwnOrders()
    own.add(OURS)
    for data in (
        {"external-identifier": "tb-fedcba9876543210fedcba98"},
        {"external-identifier": "tb-0123456789abcdef0123456"},  # a prefix of ours
        {"external-identifier": "xtb-0123456789abcdef01234567"},
        {"external-identifier": None},
        {"external-identifier": 12},
        {"id": 7},  # an order placed without an identifier (in Tastytrade's own app)
        {},
    ):
        assert not own.accepts(data)


def test_the_oldest_identifier_is_forgotten_past_the_bound() -> None:
    own = OwnOrders(kept=2)
    for number in range(3):
        own.add(f"tb-{number:024x}")
    assert not own.accepts({"external-identifier": f"tb-{0:024x}"})
    assert own.accepts({"external-identifier": f"tb-{2:024x}-s1"})

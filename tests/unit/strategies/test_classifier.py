"""``classify`` on hand-written leg sets: every catalog key (as written, scaled and shuffled),
the near-misses that must not match, merging, accounts, custom decompositions and bad input."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from services.strategies import Leg, LegSide, LegType
from services.strategies import classifier as classifier_module
from services.strategies.catalog import CATALOG_KEYS
from services.strategies.classifier import classify

from .legspec import FAR, NEAR, legs, scaled, shuffled, totals

CASH = "Cash"

#: (key, legs, account kind): at least two leg sets for every catalog key.
CASES: list[tuple[str, str, str | None]] = [
    ("long_stock", "+100S", None),
    ("long_stock", "+37S", None),
    ("short_stock", "-100S", None),
    ("short_stock", "-250S", None),
    ("long_call", "+1C100", None),
    ("long_call", "+3C412.5@far", None),
    ("short_call", "-1C100", None),
    ("short_call", "-2C55@later", None),
    ("long_put", "+1P100", None),
    ("long_put", "+4P17.5@far", None),
    ("short_put", "-1P100", None),
    ("short_put", "-5P45", "Individual Margin"),
    ("cash_secured_put", "-1P100", CASH),
    ("cash_secured_put", "-3P42@far", "Roth IRA"),
    ("covered_call", "+100S -1C105", None),
    ("covered_call", "+300S -3C52.5@far", None),
    ("protective_put", "+100S +1P95", None),
    ("protective_put", "+200S +2P180@later", None),
    ("collar", "+100S +1P95 -1C105", None),
    ("collar", "+500S +5P40@far -5C48@far", None),
    ("covered_strangle", "+100S -1P95 -1C105", None),
    ("covered_strangle", "+200S -2P40 -2C45@far", None),
    ("bull_call_spread", "+1C100 -1C105", None),
    ("bull_call_spread", "+2C400@far -2C410@far", None),
    ("bear_call_spread", "-1C100 +1C105", None),
    ("bear_call_spread", "-3C52 +3C57", None),
    ("bull_put_spread", "-1P100 +1P95", None),
    ("bull_put_spread", "-2P4500@far +2P4450@far", None),
    ("bear_put_spread", "+1P100 -1P95", None),
    ("bear_put_spread", "+4P30 -4P27.5", None),
    ("long_straddle", "+1C100 +1P100", None),
    ("long_straddle", "+2C42@far +2P42@far", None),
    ("short_straddle", "-1C100 -1P100", None),
    ("short_straddle", "-7C575 -7P575", None),
    ("long_strangle", "+1P95 +1C105", None),
    ("long_strangle", "+3P20@far +3C30@far", None),
    ("short_strangle", "-1P95 -1C105", None),
    ("short_strangle", "-2P4400 -2C4700", None),
    ("strap", "+2C100 +1P100", None),
    ("strap", "+4C60@far +2P60@far", None),
    ("strip", "+1C100 +2P100", None),
    ("strip", "+3C75 +6P75", None),
    ("iron_condor", "+1P90 -1P95 -1C105 +1C110", None),
    ("iron_condor", "+2P400@far -2P420@far -2C460@far +2C465@far", None),
    ("reverse_iron_condor", "-1P90 +1P95 +1C105 -1C110", None),
    ("reverse_iron_condor", "-5P30 +5P32 +5C38 -5C41", None),
    ("iron_butterfly", "+1P90 -1P100 -1C100 +1C110", None),
    ("iron_butterfly", "+2P440@far -2P450@far -2C450@far +2C465@far", None),
    ("reverse_iron_butterfly", "-1P90 +1P100 +1C100 -1C110", None),
    ("reverse_iron_butterfly", "-3P55 +3P60 +3C60 -3C65", None),
    ("long_call_butterfly", "+1C95 -2C100 +1C105", None),
    ("long_call_butterfly", "+2C400@far -4C425@far +2C450@far", None),
    ("long_put_butterfly", "+1P95 -2P100 +1P105", None),
    ("long_put_butterfly", "+1P17.5 -2P20 +1P22.5", None),
    ("short_call_butterfly", "-1C95 +2C100 -1C105", None),
    ("short_call_butterfly", "-3C40@far +6C45@far -3C50@far", None),
    ("short_put_butterfly", "-1P95 +2P100 -1P105", None),
    ("short_put_butterfly", "-2P300 +4P310 -2P320", None),
    ("broken_wing_call_butterfly", "+1C95 -2C100 +1C110", None),
    ("broken_wing_call_butterfly", "+1C390@far -2C400@far +1C405@far", None),
    ("broken_wing_put_butterfly", "+1P85 -2P95 +1P100", None),
    ("broken_wing_put_butterfly", "+3P40 -6P45 +3P55", None),
    ("call_condor", "+1C90 -1C95 -1C105 +1C110", None),
    ("call_condor", "+2C400@far -2C410@far -2C420@far +2C440@far", None),
    ("put_condor", "+1P90 -1P95 -1P105 +1P110", None),
    ("put_condor", "+4P20 -4P22 -4P25 +4P26", None),
    ("call_calendar", "-1C100 +1C100@far", None),
    ("call_calendar", "-2C450@far +2C450@later", None),
    ("put_calendar", "-1P100 +1P100@far", None),
    ("put_calendar", "-3P35 +3P35@later", None),
    ("call_diagonal", "-1C100 +1C105@far", None),
    ("call_diagonal", "-2C47@far +2C50@later", None),
    ("put_diagonal", "-1P100 +1P95@far", None),
    ("put_diagonal", "-1P100 +1P105@later", None),
    ("poor_mans_covered_call", "-1C105 +1C80@far", None),
    ("poor_mans_covered_call", "-5C30@far +5C20@later", None),
    ("jade_lizard", "-1P90 -1C105 +1C110", None),
    ("jade_lizard", "-2P40@far -2C47@far +2C48@far", None),
    ("reverse_jade_lizard", "+1P90 -1P95 -1C105", None),
    ("reverse_jade_lizard", "+3P300 -3P310 -3C340", None),
    ("call_ratio_spread", "+1C100 -2C105", None),
    ("call_ratio_spread", "+3C40@far -6C45@far", None),
    ("put_ratio_spread", "+1P100 -2P95", None),
    ("put_ratio_spread", "+2P450 -4P430", None),
    ("call_backspread", "-1C100 +2C105", None),
    ("call_backspread", "-4C60@far +8C65@far", None),
    ("put_backspread", "-1P100 +2P95", None),
    ("put_backspread", "-2P210 +4P200", None),
    ("risk_reversal", "-1P95 +1C105", None),
    ("risk_reversal", "-3P38@far +3C44@far", None),
    ("synthetic_long", "+1C100 -1P100", None),
    ("synthetic_long", "+2C57.5@far -2P57.5@far", None),
    ("synthetic_short", "-1C100 +1P100", None),
    ("synthetic_short", "-4C12 +4P12", None),
    ("box_spread", "+1C100 -1C110 +1P110 -1P100", None),
    ("box_spread", "+5C4000@far -5C4100@far +5P4100@far -5P4000@far", None),
    ("custom", "+1P90 -1P95 -1C105@far +1C110@far", None),
    ("custom", "+50S -1C105", None),
    ("custom", "+1C100 -1C105 +1C110", None),
]

CASE_IDS = [f"{key}-{position}" for position, (key, _, _) in enumerate(CASES)]


def test_the_table_covers_every_catalog_key_twice() -> None:
    counts = {key: sum(1 for case in CASES if case[0] == key) for key in CATALOG_KEYS}
    assert {key: count for key, count in counts.items() if count < 2} == {}


@pytest.mark.parametrize(("key", "spec", "account_kind"), CASES, ids=CASE_IDS)
def test_each_leg_set_is_its_catalog_key(key: str, spec: str, account_kind: str | None) -> None:
    assert classify(legs(spec), account_kind=account_kind).key == key


@pytest.mark.parametrize(("key", "spec", "account_kind"), CASES, ids=CASE_IDS)
def test_ten_times_the_legs_in_shuffled_order_keep_the_key(
    key: str, spec: str, account_kind: str | None
) -> None:
    once = classify(legs(spec), account_kind=account_kind)
    ten = classify(shuffled(scaled(legs(spec), 10), seed=len(spec)), account_kind=account_kind)
    # custom is always one unit; its parts may regroup (500 shares cover five calls)
    assert (ten.key, ten.units) == (key, once.units * (1 if key == "custom" else 10))


@pytest.mark.parametrize(("key", "spec", "account_kind"), CASES, ids=CASE_IDS)
def test_reversed_leg_order_gives_the_same_match(
    key: str, spec: str, account_kind: str | None
) -> None:
    forward = classify(legs(spec), account_kind=account_kind)
    backward = classify(list(reversed(legs(spec))), account_kind=account_kind)
    assert backward == forward


@pytest.mark.parametrize(
    ("spec", "not_key", "expected"),
    [
        # unequal wings are a broken wing, not a butterfly
        ("+1C95 -2C100 +1C110", "long_call_butterfly", "broken_wing_call_butterfly"),
        ("+1P85 -2P95 +1P100", "long_put_butterfly", "broken_wing_put_butterfly"),
        # short butterflies have no broken-wing key
        ("-1C95 +2C100 -1C110", "short_call_butterfly", "custom"),
        # equal wings are a butterfly, not a broken wing
        ("+1C95 -2C100 +1C105", "broken_wing_call_butterfly", "long_call_butterfly"),
        # mismatched ratios
        ("+1C95 -1C100 +1C105", "long_call_butterfly", "custom"),
        ("+1C95 -3C100 +1C105", "long_call_butterfly", "custom"),
        ("+1C100 -3C105", "call_ratio_spread", "custom"),
        ("+3C100 +1P100", "strap", "custom"),
        ("+2C100 +1P100 -1C105", "strap", "custom"),
        ("+2P90 -1P95 -1C105 +1C110", "iron_condor", "custom"),
        ("+1P90 -1P95 -1C105 +1C110 +1C115", "iron_condor", "custom"),
        # a same-expiration pattern across two expirations
        ("+1P90 -1P95 -1C105@far +1C110@far", "iron_condor", "custom"),
        ("+1C100 -1C105@far", "bull_call_spread", "custom"),
        ("+1C100 +1P100@far", "long_straddle", "custom"),
        ("+1C95 -2C100@far +1C105", "long_call_butterfly", "custom"),
        ("+100S +1P95 -1C105@far", "collar", "custom"),
        ("+1C100 -1C110 +1P110@far -1P100@far", "box_spread", "custom"),
        # stock that does not cover: 50 or 150 shares per call
        ("+50S -1C105", "covered_call", "custom"),
        ("+150S -1C105", "covered_call", "custom"),
        ("+100S -2C105", "covered_call", "custom"),
        ("-100S -1C105", "covered_call", "custom"),
        ("+50S +1P95", "protective_put", "custom"),
        ("+100S -1P95 -1C105 -1C110", "covered_strangle", "custom"),
        # strike relations
        ("+1C100 +1P95", "long_straddle", "long_strangle"),
        ("+1C95 +1P100", "long_strangle", "custom"),
        ("+1P95 +1C105", "long_straddle", "long_strangle"),
        ("+1P105 +1C95", "long_strangle", "custom"),
        ("-1P105 +1C95", "risk_reversal", "custom"),
        ("+1C100 -1P95", "synthetic_long", "risk_reversal"),
        ("+1C100 -1C100", "bull_call_spread", "custom"),
        ("+1C100 -1C110 +1P105 -1P100", "box_spread", "custom"),
        ("+100S +1P105 -1C95", "collar", "custom"),
        ("+1P90 -1P100 -1C105 +1C110", "iron_butterfly", "iron_condor"),
        ("+1P90 -1P100 -1C100 +1C110", "iron_condor", "iron_butterfly"),
        ("-1P95 -1C105 +1C100", "jade_lizard", "custom"),
        # calendars and diagonals need the short leg nearer
        ("+1C100 -1C100@far", "call_calendar", "custom"),
        ("+1C100 -1C105@far", "call_diagonal", "custom"),
        ("-1C100 +1C105@far", "call_calendar", "call_diagonal"),
        ("-1C100 +1C105@far", "poor_mans_covered_call", "call_diagonal"),
        ("-1C100 +1C95@far", "call_diagonal", "poor_mans_covered_call"),
        ("-1P100 +1P95@far", "put_calendar", "put_diagonal"),
    ],
)
def test_near_misses_do_not_match(spec: str, not_key: str, expected: str) -> None:
    found = classify(legs(spec)).key
    assert found != not_key
    assert found == expected


@pytest.mark.parametrize(
    "account_kind", ["Cash", "cash", "Roth IRA", "Traditional IRA", "SEP-IRA Margin", "retirement"]
)
def test_a_short_put_in_a_cash_or_retirement_account_is_cash_secured(account_kind: str) -> None:
    assert classify(legs("-1P100"), account_kind=account_kind).key == "cash_secured_put"


@pytest.mark.parametrize(
    "account_kind", [None, "", "Margin", "Individual Margin", "Joint", "Cashew"]
)
def test_a_short_put_elsewhere_is_just_a_short_put(account_kind: str | None) -> None:
    assert classify(legs("-1P100"), account_kind=account_kind).key == "short_put"


def test_the_account_only_changes_short_puts() -> None:
    spread = legs("-1P100 +1P95")
    assert classify(spread, account_kind=CASH) == classify(spread)


def test_a_match_gives_the_display_name_units_and_legs_in_pattern_order() -> None:
    match = classify(legs("+10C110 -10P95 +10P90 -10C105"))
    assert (match.key, match.name, match.units, match.parts) == (
        "iron_condor",
        "Iron condor",
        Decimal(10),
        (),
    )
    assert match.legs == tuple(legs("+10P90 -10P95 -10C105 +10C110"))


def test_stock_units_are_shares_fractional_ones_included() -> None:
    assert classify(legs("+250S")).units == Decimal(250)
    assert classify(legs("+0.5S")).units == Decimal("0.5")


def test_covered_call_units_are_contracts() -> None:
    assert classify(legs("+700S -7C105")).units == Decimal(7)


def test_identical_legs_merge_before_matching() -> None:
    split_condor = legs("+1P90 -1P95 -1C105 +1C110 +1P90 -1P95 -1C105 +1C110")
    match = classify(split_condor)
    assert (match.key, match.units) == ("iron_condor", Decimal(2))
    assert len(match.legs) == 4


def test_stock_bought_in_lots_covers_calls_together() -> None:
    assert classify(legs("+60S +40S -1C105")).key == "covered_call"


def test_a_long_and_a_short_of_one_contract_do_not_net() -> None:
    match = classify(legs("+1C100 -1C100"))
    assert match.key == "custom"
    assert [part.key for part in match.parts] == ["long_call", "short_call"]


def test_mappings_and_objects_are_read_as_legs() -> None:
    as_dicts = [
        {"type": "PUT", "side": "short", "quantity": "-2", "strike": "95", "expiration": NEAR},
        {"type": "put", "side": "LONG", "quantity": 2, "strike": 90.0, "expiration": NEAR},
    ]
    as_objects = [
        SimpleNamespace(
            type=LegType.CALL, side=LegSide.SHORT, quantity=1, strike=100, expiration=NEAR
        ),
        SimpleNamespace(type="call", side="long", quantity=1, strike=100, expiration=FAR),
    ]
    assert classify(as_dicts).key == "bull_put_spread"
    assert classify(as_objects).key == "call_calendar"


def test_iso_strings_and_datetimes_are_read_as_expirations() -> None:
    found = classify(
        [
            {
                "type": "call",
                "side": "short",
                "quantity": 1,
                "strike": 100,
                "expiration": NEAR.isoformat(),
            },
            {
                "type": "call",
                "side": "long",
                "quantity": 1,
                "strike": 100,
                "expiration": datetime(FAR.year, FAR.month, FAR.day, 20, 0),
            },
        ]
    )
    assert found.key == "call_calendar"
    assert [leg.expiration for leg in found.legs] == [NEAR, FAR]


def test_equity_legs_ignore_strike_and_expiration() -> None:
    stock = {"type": "equity", "side": "long", "quantity": 100, "strike": 1, "expiration": NEAR}
    assert classify([stock, *legs("-1C105")]).key == "covered_call"


# custom: decomposition ---------------------------------------------------------------------


def part_keys(spec: str, account_kind: str | None = None) -> list[tuple[str, Decimal]]:
    match = classify(legs(spec), account_kind=account_kind)
    assert match.key == "custom"
    return [(part.key, part.units) for part in match.parts]


def test_a_custom_match_names_itself_and_keeps_every_leg() -> None:
    match = classify(legs("+1P90 -1P95 -1C105@far +1C110@far"))
    assert (match.name, match.units) == ("Custom", Decimal(1))
    assert totals(list(match.legs)) == totals(legs("+1P90 -1P95 -1C105@far +1C110@far"))


def test_an_iron_condor_split_across_expirations_is_two_verticals() -> None:
    assert part_keys("+1P90 -1P95 -1C105@far +1C110@far") == [
        ("bear_call_spread", Decimal(1)),
        ("bull_put_spread", Decimal(1)),
    ]


def test_stock_beyond_the_calls_is_left_as_long_stock() -> None:
    assert part_keys("+250S -2C105") == [("covered_call", Decimal(2)), ("long_stock", Decimal(50))]


def test_stock_short_of_a_hundred_leaves_a_naked_call() -> None:
    assert part_keys("+50S -1C105") == [("long_stock", Decimal(50)), ("short_call", Decimal(1))]


def test_the_pattern_with_most_legs_is_taken_first() -> None:
    assert part_keys("+10C100 -10C105 +10C110") == [
        ("long_call_butterfly", Decimal(5)),
        ("long_call", Decimal(5)),
        ("long_call", Decimal(5)),
    ]


def test_an_iron_condor_with_an_extra_wing_keeps_the_condor() -> None:
    assert part_keys("+1P90 -1P95 -1C105 +1C110 +1C120") == [
        ("iron_condor", Decimal(1)),
        ("long_call", Decimal(1)),
    ]


def test_two_condors_in_two_expirations_are_two_parts() -> None:
    spec = "+1P90 -1P95 -1C105 +1C110 +2P85@far -2P90@far -2C110@far +2C115@far"
    assert part_keys(spec) == [("iron_condor", Decimal(2)), ("iron_condor", Decimal(1))]


def test_a_part_takes_as_many_units_as_the_legs_allow() -> None:
    assert part_keys("+3C100 -5C105") == [
        ("bull_call_spread", Decimal(3)),
        ("short_call", Decimal(2)),
    ]


def test_a_leftover_short_put_in_a_cash_account_is_cash_secured() -> None:
    assert part_keys("-1P90@far +1C100 -1C105", account_kind=CASH) == [
        ("bull_call_spread", Decimal(1)),
        ("cash_secured_put", Decimal(1)),
    ]


def test_legs_that_fit_no_multi_leg_pattern_become_single_leg_parts() -> None:
    assert part_keys("+1C100 +1C105@far -200S") == [
        ("short_stock", Decimal(200)),
        ("long_call", Decimal(1)),
        ("long_call", Decimal(1)),
    ]


def test_twelve_mixed_legs_decompose_into_parts_covering_every_leg() -> None:
    spec = (
        "+300S -1C105 -1C110@far +2C90@later -1P95 +1P90 -2P85@far +1P80@far "
        "+1C120 -3C125 +1P100@later -1C130@later"
    )
    match = classify(legs(spec))
    assert match.key == "custom"
    assert totals([leg for part in match.parts for leg in part.legs]) == totals(legs(spec))
    assert all(part.key != "custom" and not part.parts for part in match.parts)


def test_a_spent_search_budget_still_covers_every_leg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier_module, "SEARCH_BUDGET", 3)
    spec = "+1P90 -1P95 -1C105 +1C110 +1P85@far -1P90@far -1C110@far +1C115@far +1C120"
    match = classify(legs(spec))
    assert match.key == "custom"
    assert totals([leg for part in match.parts for leg in part.legs]) == totals(legs(spec))
    assert [part.key for part in match.parts].count("iron_condor") < 2


# bad input -----------------------------------------------------------------------------------


def option(**changes: object) -> dict[str, object]:
    return {
        "type": "call",
        "side": "long",
        "quantity": 1,
        "strike": 100,
        "expiration": NEAR,
        **changes,
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "at least one leg"),
        ((), "at least one leg"),
        ("+1C100", "sequence of legs"),
        (option(), "sequence of legs"),
        ([option(type="future")], "leg 1 cannot be read"),
        ([option(), option(side="sideways")], "leg 2 cannot be read"),
        ([option(type=None)], "leg 1 cannot be read"),
        ([option(quantity="lots")], "leg 1 cannot be read"),
        ([option(quantity=None)], "leg 1 cannot be read"),
        ([option(quantity=0)], "positive quantity"),
        ([option(quantity="NaN")], "positive quantity"),
        ([option(quantity="Infinity")], "positive quantity"),
        ([option(quantity="1e400")], "quantity above"),
        ([option(strike=None)], "positive strike"),
        ([option(strike=0)], "positive strike"),
        ([option(strike="-5")], "positive strike"),
        ([option(strike="nan")], "positive strike"),
        ([option(strike="abc")], "leg 1 cannot be read"),
        ([option(expiration=None)], "without an expiration"),
        ([option(expiration="next friday")], "unreadable expiration"),
        ([option(expiration=20250620)], "without an expiration"),
        ([Leg(LegType.CALL, LegSide.LONG, Decimal(-1), Decimal(100), NEAR)], "positive quantity"),
        ([object()], "leg 1 cannot be read"),
    ],
)
def test_unreadable_legs_raise_a_clear_value_error(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classify(value)  # type: ignore[arg-type]


def test_an_oversized_expiration_string_is_not_echoed_whole() -> None:
    with pytest.raises(ValueError) as raised:
        classify([option(expiration="x" * 10_000)])
    assert len(str(raised.value)) < 200


def test_a_generator_of_legs_is_accepted() -> None:
    assert classify(leg for leg in legs("+1C100 -1C105")).key == "bull_call_spread"


def test_thousands_of_legs_still_decompose_into_parts_covering_every_leg() -> None:
    many = [
        Leg(kind, side, Decimal(1), Decimal(strike), NEAR + timedelta(days=day))
        for day in range(100)
        for kind in (LegType.CALL, LegType.PUT)
        for side in LegSide
        for strike in (95, 100, 105, 110, 115)
    ]
    match = classify(many)
    assert match.key == "custom"
    assert totals([leg for part in match.parts for leg in part.legs]) == totals(many)

"""Does reading only with dateparser's absolute parser change any date? Every text of the shapes
normalise/dates/resolvers.py hands dateparser, read both ways; prints the differences and the time
a call takes each way (normalise/dates/periods.py: DATEPARSER_PARSERS).

    python bench/dateparser_parsers.py

The shapes: "D Month" (written_day), "D/M/YYYY" and "D.M.YYYY" with and without zero padding and
with an ordinal day (numeric_date), a weekday's name (weekday); each with no base and from bases
spread over three years (a leap day and a year's last day among them), preferring past and future.
"""
from __future__ import annotations

import calendar
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dateparser  # noqa: E402

from somnotes.normalise.dates.periods import DATEPARSER_PARSERS  # noqa: E402

YEARS = (1950, 2019, 2020, 2024, 2099)
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BASE_STEP_DAYS = 97
BASE_SPAN_DAYS = 800
EXTRA_BASES = (dt.date(2020, 2, 29), dt.date(2021, 12, 31), dt.date(2019, 3, 1))


def texts() -> list[str]:
    out = []
    for day in range(1, 32):
        for month in range(1, 13):
            out.append(f"{day} {calendar.month_name[month]}")
            for sep in "/.":
                out += [f"{day}{sep}{month}{sep}{year}" for year in YEARS]
                out += [f"{day}{suffix}{sep}{month}{sep}2022" for suffix in ORDINAL_SUFFIXES]
                out.append(f"{day:02d}{sep}{month:02d}{sep}2021")
    return out + list(WEEKDAYS)


def parse(text: str, prefer: str, base: dt.date | None, parsers: list | None) -> dt.date | None:
    """As periods.parse_with_dateparser reads, with `parsers` (None: dateparser's default)."""
    settings: dict = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "PREFER_DATES_FROM": prefer,
                      "RETURN_AS_TIMEZONE_AWARE": False}
    if parsers:
        settings["PARSERS"] = parsers
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def main() -> int:
    bases = [None, *(dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(0, BASE_SPAN_DAYS, BASE_STEP_DAYS)),
             *EXTRA_BASES]
    parse("9 July", "past", EXTRA_BASES[0], None)  # built once, outside the timing
    parse("9 July", "past", EXTRA_BASES[0], DATEPARSER_PARSERS)
    calls, differ, seconds = 0, [], {"default": 0.0, "ours": 0.0}
    for text in texts():
        for prefer in ("past", "future"):
            for base in bases:
                start = time.process_time()
                default = parse(text, prefer, base, None)
                middle = time.process_time()
                ours = parse(text, prefer, base, DATEPARSER_PARSERS)
                seconds["default"] += middle - start
                seconds["ours"] += time.process_time() - middle
                calls += 1
                if default != ours:
                    differ.append((text, prefer, base, default, ours))
    print(f"{calls} texts and bases read both ways; {len(differ)} differ")
    for row in differ[:20]:
        print("  ", row)
    print(f"CPU a call: dateparser's default parsers {seconds['default'] / calls * 1000:.2f} ms, "
          f"{DATEPARSER_PARSERS} {seconds['ours'] / calls * 1000:.2f} ms")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())

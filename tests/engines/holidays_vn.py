"""Vietnam's public holidays by Python's `holidays` package, for tests/e2e/calendar.rs.

Prints JSON: {"version": ..., "days": {"yyyy-mm-dd": "name", ...}} for the years given.
"""

import json
import sys

import holidays

years = [int(y) for y in sys.argv[1:]]
days = holidays.VN(years=years, language="en_US")
print(json.dumps({
    "version": holidays.__version__,
    "days": {d.isoformat(): name for d, name in sorted(days.items())},
}))

"""The years a roadmap may be dated in, whether ``--start`` gives its first month or the
assessment's date does: its months are printed as YYYY-MM and run up to ten years on,
so a start such as 9999-12 would run past year 9999. (No import: the command line's
option parsing and the answers model both read it.)"""

FIRST_YEAR, LAST_YEAR = 1990, 2100

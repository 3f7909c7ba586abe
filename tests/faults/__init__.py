"""Helpers of the fault tests: a disk that fills up, killing runs mid-write."""

"""Frozen pydantic models of every file capassess reads and every result it computes."""

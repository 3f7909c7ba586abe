"""capassess: fintech capability maturity assessment for commercial banks."""

__version__ = "0.1.0"

"""Command groups beyond the foundation's, registered by ``capassess.cli``."""

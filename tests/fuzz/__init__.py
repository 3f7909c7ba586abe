"""Fuzz tests: generated valid questionnaires and answers score; mutated ones fail, located."""

"""Run capassess as ``python -m capassess``."""

from capassess.cli import main

if __name__ == "__main__":
    main()

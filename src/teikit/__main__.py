"""Allow ``python -m teikit`` (the same entry point as the console script)."""

from teikit._entry import main

if __name__ == "__main__":
    main()

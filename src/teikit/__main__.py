"""Allow ``python -m teikit``."""

from teikit.cli import main

if __name__ == "__main__":
    main()

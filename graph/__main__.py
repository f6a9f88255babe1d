"""`python -m graph`: the `atlas` command line."""
from graph.cli import main

if __name__ == "__main__":
    main()

"""Speed measurements on a large database: ``python -m bench.run --db PATH``."""

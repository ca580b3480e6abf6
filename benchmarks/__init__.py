"""Benchmarks and comparisons, run from the repository root (`python -m benchmarks.bench`,
`python -m benchmarks.searchcompare`; or `scripts/bench`, `scripts/search-compare`). Not part of
the healthpress package: they import it as any user of it would.
"""

"""Synthetic population for the demo, the benchmarks and load tests (`onward synth`, `onward demo`).

Not a Django app and not an area: it sits above the areas (it writes their tables in bulk) and
below the command line; no area imports it. See `generate.py` for the ordered list of generators.
"""

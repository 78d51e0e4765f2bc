"""Step 4, score pairs: the calibrated probability that two claims say the same thing.

Read :mod:`compare.scoring.pairs` first; it runs the rest. This package re-exports nothing, so
importing one of its modules never loads another it does not need.
"""

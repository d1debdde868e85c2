"""The procedure wizard: one page per step, a shared state, the summary, the submission."""

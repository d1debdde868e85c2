"""Other entry points built on the composition root: screenshots and benchmarks."""

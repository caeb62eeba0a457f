"""Code generated from schemas/ by `make proto`; never edit by hand."""

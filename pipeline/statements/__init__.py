"""Statements across outlets: one record per thing said, with every article that carried it."""

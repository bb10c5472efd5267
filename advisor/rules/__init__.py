"""The rule language: expressions, packs, selection, and the facts rules read."""

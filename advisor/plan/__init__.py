"""The plan: its records, their fields, the lifecycle, people and money."""

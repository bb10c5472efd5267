"""Where plans live: the SQLite workspace, plan files, CSV imports and backups."""

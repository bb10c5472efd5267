"""What the owner reads: findings, next steps, insights, the report and the history."""

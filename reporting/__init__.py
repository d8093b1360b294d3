"""The report for content editors and IASS managers: what parents ask, what the assistant
did not understand, which answers were rated unhelpful. Reads Rasa's ``events`` table with
SQL aggregation (SQLite or PostgreSQL), never loading trackers into Rasa objects.

  python -m reporting --days 30 --out results/report.html     (make report DAYS=30)
  python -m reporting.generate --conversations 100000 --db /tmp/x.db   (test data)
"""

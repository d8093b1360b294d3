"""Login for the staff pages that show conversation data (the report).

Configured only from the environment, with no default password:

  STAFF_PASSWORD_HASH     required; make one with `python -m staff_auth hash-password`
  STAFF_SESSION_SECRET    signs session cookies; set the same value on every replica
                          (unset: a random secret per process, so a restart signs staff out)
  STAFF_SESSION_MINUTES   how long a sign-in lasts (default 60)
  STAFF_COOKIE_SECURE     "false" only for plain-HTTP development (default true)

With no STAFF_PASSWORD_HASH the protected pages answer 503 and nobody can sign in.
"""

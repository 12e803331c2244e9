"""Nothing of a person's job search is in the admin, on purpose.

The admin is for a career centre's operators: accounts, invitations, API tokens and
rate limits (see onward/accounts/admin.py). Applications, contacts, interviews and notes
are private to their owner; an operator helps someone by asking them, not by reading
their search. Backups (Settings → Your data) are how a person hands their data over.
"""

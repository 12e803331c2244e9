"""The pure core of onward: playbook, drafts, mail, feedback themes, insights.

Nothing here imports Django or touches a database; every function takes the
data and the date it needs. A test (tests/test_conventions.py) keeps it so.
"""

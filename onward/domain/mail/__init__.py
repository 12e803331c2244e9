"""Mail: reading messages from files and text, and telling what each one says about a job search.

Pure Python, like the rest of ``onward.domain``: nothing here imports Django or
touches the network. :mod:`.message` holds the shapes the other modules share.
"""

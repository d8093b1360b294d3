"""Parents' ratings of answers ("Was this helpful?"), stored apart from conversations.

See store.py for what is kept (and what is not), submit.py for the request rules and
http.py for the POST routes the web chat and REST channels share.
"""

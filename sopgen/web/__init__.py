"""`sopgen serve`: the web page for planners and the JSON API for agency portals.

The server process only moves bytes: it checks the token and the upload size,
keeps each request's files in a temporary folder of its own, and hands every
workbook to a bounded pool of worker processes (`pool.py`) that run the same
`build.prepare`/`build.render` as the command line (`work.py`). A hostile file
can cost a worker, never the server.
"""

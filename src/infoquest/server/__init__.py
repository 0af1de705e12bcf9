"""``infoquest serve``: a web page for job seekers and an HTTP API for other apps, thin over the library.

Importing this package imports FastAPI; ``import infoquest`` does not import it.
"""

from infoquest.server.app import create_app
from infoquest.server.run import serve

__all__ = ["create_app", "serve"]

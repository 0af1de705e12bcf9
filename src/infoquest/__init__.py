"""infoquest: recommends informational-interview questions for a job seeker's goals, résumé and interviewee."""

from infoquest._version import __version__

__all__ = ["__version__"]

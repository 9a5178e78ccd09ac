"""The user-facing error catalogue lives in :mod:`extract.errors`; this name is kept for graph/ code."""

from extract.errors import *  # noqa: F401,F403
from extract.errors import UserError  # noqa: F401

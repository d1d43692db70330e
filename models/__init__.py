"""Typed records of the pipeline and of the dataset contract."""
from models.records import *  # noqa: F401,F403

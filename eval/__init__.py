"""Translation quality scoring and evaluation reports (see issue: Quality scoring)."""

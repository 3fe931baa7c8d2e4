"""Term bases, morphology-aware term matching, checking and enforcement (see issue: Glossary)."""

"""The base of every schema for what an editor writes: front matter, column files, data files (pure)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A schema that takes values exactly as written: no unknown fields, no type coercion, text stripped.

    A misspelt field is a finding rather than silently ignored, and "10" is not taken for 10.
    Schemas that must accept fields they do not know (letters, disclosure) keep their own config.
    """

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

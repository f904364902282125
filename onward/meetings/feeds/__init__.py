"""Meeting feeds without Django: parsed JSON in, normalised records, rejections and flags out (formats.md §1–§5)."""

"""What leaves the practice as text: summaries, reports, the brief, and where they are written."""

"""The synopsis terminal app: articles side by side, claim by claim (Textual front end)."""

"""The coaching domain: what a coach would name on a whiteboard, with no storage and no UI."""

"""The Textual UI of coach-tui: the app, one module per screen, dialogs and widgets.

Importing this package pauses Python's cyclic garbage collector until the app has
drawn its first frame (``screens.app`` resumes it). Loading Textual, Rich and the
core allocates a few hundred thousand long-lived objects, and each full collection
during that load walks all of them again: 30-50 ms of a start-up, for nothing to
free. Once the first frame is up the collector is resumed and those objects are
frozen out of its view (``gc.freeze``), so later collections, during a call's
typing, only look at what was allocated since.
"""

from screens.collector import pause_until_first_frame

pause_until_first_frame()

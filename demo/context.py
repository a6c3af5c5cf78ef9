from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from random import Random


@dataclass
class DemoContext:
    """Shared by the demo builders of each app, called in dependency order.

    Every builder must be idempotent: it looks rows up by natural keys (username, club
    slug, member code, session title and start, page slug) and creates only what is
    missing, so running the command twice changes nothing.
    """

    rng: Random
    today: date
    write: Callable[[str], None]
    # The demo sign-in accounts by role: staff, leader, board, pupil, volunteer.
    users: dict = field(default_factory=dict)
    # Anything a builder wants to hand to later builders (e.g. "clubs": [...]).
    shared: dict = field(default_factory=dict)

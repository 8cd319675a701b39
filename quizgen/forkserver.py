"""What the forkserver that starts build workers does on its own: say nothing when it starts a worker for a pool
the build has already closed."""
from __future__ import annotations

import os
import sys


def quiet_if_the_pool_is_gone(kind, value, tb) -> None:
    """The forkserver's excepthook. A worker it forks just as the build stops finds the pool's lock already
    removed (the build has said 'Interrupted' and is on its way out): that traceback says nothing a user needs.
    Anything else is printed as Python would."""
    last = tb
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    if kind is FileNotFoundError and last is not None \
            and os.path.basename(last.tb_frame.f_code.co_filename) == "synchronize.py":
        return
    sys.__excepthook__(kind, value, tb)

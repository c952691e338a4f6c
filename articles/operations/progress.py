"""Progress of long-running management commands: count, rate and time left, on a terminal only.

A bar is drawn (by tqdm) on the command's stderr when that is a terminal and the verbosity is
1 or more; under cron, in CI, when piped, or with ``-v 0`` nothing is drawn, so logs and mail
from scheduled jobs stay clean. Results still go to stdout as before.
"""

from tqdm import tqdm


def raw_stream(command):
    # Django wraps stderr in an OutputWrapper that ends every write with a newline; the bar
    # redraws its line with carriage returns, so it writes to the stream underneath.
    return getattr(command.stderr, "_out", command.stderr)


def is_terminal(stream):
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress_for(command, verbosity):
    """A function ``track(iterable=None, *, total, description, unit="item")`` giving a bar.

    The bar is a tqdm object: iterate over it, or call ``.update(n)`` from a callback, and use
    it as a context manager so it is closed when the work ends or fails.
    """
    stream = raw_stream(command)
    shown = int(verbosity) >= 1 and is_terminal(stream)

    def track(iterable=None, *, total=None, description, unit="item"):
        return tqdm(
            iterable,
            total=total,
            desc=description,
            unit=unit,
            file=stream,
            disable=not shown,
            dynamic_ncols=True,
            mininterval=0.2,
        )

    return track


def no_progress(iterable=None, *, total=None, description="", unit="item"):
    """For library code called without a command: the same interface, drawing nothing."""
    return tqdm(iterable, total=total, desc=description, unit=unit, disable=True)

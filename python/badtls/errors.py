"""The errors the badtls package raises: each says what went wrong and where."""


class BadtlsError(Exception):
    """Base class of every error this package raises."""


class BinaryNotFound(BadtlsError):
    """The badtls binary is not installed where we looked (the message lists the places)."""


class BinaryFailed(BadtlsError):
    """A badtls command (`list --json`, `reasons --json`) failed or printed garbage."""


class StartupError(BadtlsError):
    """`badtls serve` exited, or was not ready in time; the message carries its error output.
    `pid` is the process id it had (it is stopped before this is raised)."""

    pid = None


class PortConflict(StartupError):
    """`badtls serve` could not bind a port (fixed ports with --port-base that are in use)."""


class UnknownScenario(BadtlsError, KeyError):
    """An endpoint id the running suite does not serve."""

    def __str__(self):  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""

"""`copyedit server start|stop|status`: the commands that manage the background server (copyedit/server.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, highlight=False, soft_wrap=True)

server_app = typer.Typer(
    help="A background process that keeps the model loaded, so that `check` and `fix` start fast.",
    no_args_is_help=True,
)

T = TypeVar("T")


def _trusted(action: Callable[[], T]) -> T:
    """The action's result; exit 2 naming the folder when the socket's folder could be another user's."""
    from copyedit import client

    try:
        return action()
    except client.Untrusted as e:
        err.print(f"[red]error[/red]: {escape(str(e))}")
        raise typer.Exit(2) from None


@server_app.command("start")
def server_start(
    idle: Annotated[int, typer.Option(help="Minutes without a request after which the server exits.")] = 30,
) -> None:
    """Start the server in the background (or report the one already running)."""
    from copyedit import client, server

    pid = _trusted(lambda: server.start(idle * 60.0))
    if pid is None:
        err.print(f"[red]error[/red]: the server did not start; see {client.socket_path().with_suffix('.log')}")
        raise typer.Exit(2)
    err.print(f"copyedit server running (pid {pid}) on {client.socket_path()}")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the server, if one is running."""
    from copyedit import server

    err.print("copyedit server stopped" if _trusted(server.stop) else "no copyedit server was running")


@server_app.command("status")
def server_status() -> None:
    """Whether a server is running (exit 0) or not (exit 1)."""
    from copyedit import client, server

    pid = _trusted(server.status)
    err.print(f"copyedit server running (pid {pid}) on {client.socket_path()}" if pid else "no copyedit server")
    raise typer.Exit(0 if pid else 1)

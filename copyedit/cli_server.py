"""`copyedit server start|stop|status`: the commands that manage the background server (copyedit/server.py)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)

server_app = typer.Typer(
    help="A background process that keeps the model loaded, so that `check` and `fix` start fast.",
    no_args_is_help=True,
)


@server_app.command("start")
def server_start(
    idle: Annotated[int, typer.Option(help="Minutes without a request after which the server exits.")] = 30,
) -> None:
    """Start the server in the background (or report the one already running)."""
    from copyedit import client, server

    pid = server.start(idle * 60.0)
    if pid is None:
        err.print(f"[red]error[/red]: the server did not start; see {client.socket_path().with_suffix('.log')}")
        raise typer.Exit(2)
    err.print(f"copyedit server running (pid {pid}) on {client.socket_path()}")


@server_app.command("stop")
def server_stop() -> None:
    """Stop the server, if one is running."""
    from copyedit import server

    err.print("copyedit server stopped" if server.stop() else "no copyedit server was running")


@server_app.command("status")
def server_status() -> None:
    """Whether a server is running (exit 0) or not (exit 1)."""
    from copyedit import client, server

    pid = server.status()
    err.print(f"copyedit server running (pid {pid}) on {client.socket_path()}" if pid else "no copyedit server")
    raise typer.Exit(0 if pid else 1)

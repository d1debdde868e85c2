"""Command line: ``kiosk [run|demo|catalogue|shots|bench|agent-code]``. Heavy imports happen inside each command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.config import ENV_CONFIG, ConfigError, Settings, demo_settings, load_settings
from kiosk.errors import StartupError
from kiosk.logs import setup_logging


def _settings(args: argparse.Namespace) -> Settings:
    if getattr(args, "demo", False):
        return demo_settings()
    return load_settings(Path(args.config) if getattr(args, "config", None) else None)


def _demo_unless_configured(args: argparse.Namespace) -> Settings:
    """Shots and the bench show and measure the demo town (its catalogue, opening hours and documents: the scripted
    visit needs them), unless a configuration is given."""
    return _chosen(args)[0]


def _chosen(args: argparse.Namespace) -> tuple[Settings, list[str]]:
    """``_demo_unless_configured``'s settings, and the options that make another ``kiosk`` process choose them."""
    config = getattr(args, "config", None) or os.environ.get(ENV_CONFIG)
    if config and not getattr(args, "demo", False):
        return load_settings(Path(config)), ["--config", config]
    return demo_settings(), ["--demo"]


def _no_screen() -> bool:
    """Qt's own message for this case suggests reinstalling; an operator deserves the real reason."""
    return sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    )


def _said_no_screen() -> bool:
    if _no_screen():
        print(
            "kiosk: no screen found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start the kiosk from the "
            "machine's graphical session, or under `xvfb-run` for a virtual screen; `kiosk shots` renders "
            "every screen to PNG without one.",
            file=sys.stderr,
        )
        return True
    return False


def _cmd_run(args: argparse.Namespace) -> int:
    if _said_no_screen():
        return 2
    from kiosk.app import run
    from kiosk.logs import log_to_folder

    settings = _settings(args)
    if not args.exit_when_painted:  # `kiosk bench` starts many of those: they leave no log behind
        log_to_folder(settings.data_dir / "logs")
    return run(settings, windowed=args.windowed, exit_when_painted=args.exit_when_painted)


def _cmd_demo(args: argparse.Namespace) -> int:
    """The demo kiosk beside a demo central it starts and stops (``make run``); ``kiosk run --demo`` is the demo
    kiosk alone, offline."""
    if getattr(args, "config", None):
        print(
            "kiosk: `kiosk demo` always shows the demo town; use `kiosk run --config FILE` for yours.", file=sys.stderr
        )
        return 2
    if _said_no_screen():  # before central is started for nothing
        return 2
    from kiosk.app import run
    from kiosk.logs import log_to_folder
    from kiosk.tools.demo_central import beside_demo_central

    settings = demo_settings()
    log_to_folder(settings.data_dir / "logs")  # the demo central's start is logged there too
    try:
        with beside_demo_central(settings) as synced:
            return run(synced, windowed=args.windowed)
    except KeyboardInterrupt:  # Ctrl+C while central starts: it is stopped already
        return 130


def _cmd_catalogue_check(args: argparse.Namespace) -> int:
    from sync.catalogue_files import check_lines, load_catalogue_directory, load_paths

    # The configured catalogue gets the very verdict the kiosk's start-up gives it (load_catalogue_directory).
    catalogue = (
        load_paths(map(Path, args.files)) if args.files else load_catalogue_directory(_settings(args).catalogue_dir)
    )
    lines, ok = check_lines(catalogue)
    print("\n".join(lines))
    return 0 if ok else 1


def _cmd_catalogue_list(args: argparse.Namespace) -> int:
    from sync.catalogue_files import load_catalogue_directory

    catalogue = load_catalogue_directory(_settings(args).catalogue_dir)
    if args.json:
        import json

        out = {
            "domains": [d.model_dump(mode="json") for d in catalogue.domains],
            "procedures": [p.model_dump(mode="json") for p in catalogue.procedures],
            "errors": [str(e) for e in catalogue.errors],
        }
        # Strict JSON or nothing: the schema keeps numbers finite, and NaN or Infinity must never reach a reader.
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        print()
    else:
        for procedure in catalogue.procedures:
            print(f"{procedure.domain:28} {procedure.slug:40} {procedure.title.fr}")
    return 0


def _cmd_shots(args: argparse.Namespace) -> int:
    import re
    import subprocess

    from kiosk import app
    from kiosk.tools.shots import SIZES, take_shots

    # Resolved before any child starts: a bad configuration is told once, by this process, and starts nothing.
    settings, chosen = _chosen(args)
    if args.orientation:
        written = take_shots(app, Path(args.out), settings, [args.orientation])
        print(f"{len(written)} screenshot(s) in {args.out}")
        return 0
    # Portrait in a second process while this one renders landscape: a machine's second core halves the wait.
    others: dict[str, subprocess.Popen[str]] = {}
    try:
        for orientation in list(SIZES)[1:]:
            others[orientation] = subprocess.Popen(
                [sys.executable, "-m", "kiosk", *chosen, "shots", "--out", args.out, "--orientation", orientation],
                stdout=subprocess.PIPE,
                text=True,
            )
        count = len(take_shots(app, Path(args.out), settings, list(SIZES)[:1]))
        for orientation, other in others.items():
            output, _ = other.communicate()
            if other.returncode != 0:
                print(f"kiosk shots: rendering {orientation} failed (exit status {other.returncode})", file=sys.stderr)
                return 1
            said = re.search(r"(\d+) screenshot", output)
            if said is None:
                print(
                    f"kiosk shots: rendering {orientation} did not say how many screenshots it wrote", file=sys.stderr
                )
                return 1
            count += int(said.group(1))
    finally:
        # This process failed (or was interrupted) while the others render: they must not go on alone.
        for other in others.values():
            if other.poll() is None:
                other.terminate()
                other.wait()
    print(f"{count} screenshot(s) in {args.out}")
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    import json

    from kiosk import app
    from kiosk.tools.bench import run_bench

    result = run_bench(app, _demo_unless_configured(args))
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


def _ask_code(prompt: str) -> str:
    """One code, typed without echo at a terminal, or the next line of a script's standard input.

    getpass reads /dev/tty before stdin: fed by a pipe from a terminal (``printf '…' | kiosk agent-code``), it would
    wait for someone to type at the terminal instead of reading the pipe.
    """
    import getpass

    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def _cmd_agent_code(_args: argparse.Namespace) -> int:
    """Ask the agents' code twice, without echo, and print the configuration line holding its hash."""
    from kiosk.services.agent import MIN_CODE_DIGITS, agent_code_problem, hash_agent_code

    try:
        code = _ask_code(f"New agent code ({MIN_CODE_DIGITS} digits or more): ")
        problem = agent_code_problem(code)
        if problem is None and _ask_code("The same code again: ") != code:
            problem = "the two codes differ; nothing was changed."
    except (EOFError, KeyboardInterrupt):
        print("\nkiosk: no agent code was given; nothing was changed.", file=sys.stderr)
        return 1
    if problem is not None:
        print(f"kiosk: {problem}", file=sys.stderr)
        return 1
    print(
        "Put this line in the kiosk's configuration file (or the hash alone in $KIOSK_AGENT_CODE_HASH):",
        file=sys.stderr,
    )
    # The line alone on stdout, so that a script can take it: kiosk agent-code >> kiosk.toml
    print(f'agent_code_hash = "{hash_agent_code(code)}"')
    return 0


def _common_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument("--config", default=default, help="configuration file (TOML); default: $KIOSK_CONFIG")
    parser.add_argument("--demo", action="store_true", default=default, help="use the demo town and catalogue")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kiosk", description="Town-hall counter kiosk (Espace Citoyens).")
    _common_options(top, default=None)
    top.set_defaults(demo=False)
    # The same options after a sub-command (``kiosk run --demo`` as well as ``kiosk --demo run``): there they
    # default to "not given", so that they never undo what was given before the sub-command.
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, default=argparse.SUPPRESS)
    sub = top.add_subparsers(dest="command")
    run = sub.add_parser("run", parents=[common], help="open the kiosk (the default)")
    run.add_argument("--windowed", action="store_true", help="a window instead of full screen (development)")
    run.add_argument("--exit-when-painted", action="store_true", help=argparse.SUPPRESS)  # for `kiosk bench`
    run.set_defaults(func=_cmd_run)
    demo = sub.add_parser(
        "demo", help="the demo kiosk syncing with a demo central on 127.0.0.1, stopped with the kiosk (make run)"
    )
    demo.add_argument("--windowed", action="store_true", help="a window instead of full screen (development)")
    demo.set_defaults(func=_cmd_demo)
    cat = sub.add_parser("catalogue", parents=[common], help="check or list the catalogue of procedures")
    cat_sub = cat.add_subparsers(dest="catalogue_command", required=True)
    check = cat_sub.add_parser(
        "check", parents=[common], help="validate catalogue files (the configured catalogue by default)"
    )
    check.add_argument("files", nargs="*")
    check.set_defaults(func=_cmd_catalogue_check)
    listing = cat_sub.add_parser("list", parents=[common], help="print the loaded catalogue")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=_cmd_catalogue_list)
    shots = sub.add_parser("shots", parents=[common], help="render every screen of the demo town to PNG")
    shots.add_argument("--out", default="shots")
    shots.add_argument("--orientation", choices=("landscape", "portrait"), help="only this orientation")
    shots.set_defaults(func=_cmd_shots)
    bench = sub.add_parser(
        "bench", parents=[common], help="measure start, navigation, search, wizard and memory on the demo town"
    )
    bench.add_argument("--json", action="store_true")
    bench.set_defaults(func=_cmd_bench)
    agent_code = sub.add_parser(
        "agent-code", help="make the hash of the counter agents' code (asked twice, not shown) for agent_code_hash"
    )
    agent_code.set_defaults(func=_cmd_agent_code)
    return top


def main(argv: list[str] | None = None) -> int:
    setup_logging()
    args = parser().parse_args(argv)
    if args.command is None:
        args = parser().parse_args([*(argv if argv is not None else sys.argv[1:]), "run"])
    try:
        result: int = args.func(args)
    except ConfigError as exc:
        print(f"kiosk: configuration error: {exc}", file=sys.stderr)
        return 2
    except StartupError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())

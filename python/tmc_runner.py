"""tmc_runner: serve a user's Python group rule to `tmc check --method FILE.py`.

Run as ``python3 tmc_runner.py FILE.py``: one long-lived process that imports FILE.py by path
and answers requests from the checker, one JSON object per line on stdin, one reply per line on
stdout. Python 3.8 or later, standard library only; tested with CPython 3.11.7.

The user's file defines
    name: str                        the rule's name in reports
    group: int                       group size G >= 1
    advantage(rewards) -> weights    rewards: a fresh list of G ints in {0, 1}; weights: G values,
                                     each an int, float, decimal.Decimal, fractions.Fraction or a
                                     decimal string (the last three for full precision)
and optionally
    family: str                      'rlvr' (default), 'kl-regularized' or 'rejection'
    eta: float                       step size (default 1)
    step(logits, cots, rewards, eta) -> new logits
                                     the user's own sampled training step on tabular logits:
                                     logits[l][u][v] is a float, or None where row u of layer l
                                     has no edge to v; cots are the G sampled paths (cots[i][l]
                                     is the state at layer l); rewards[i] is 0 or 1. Returns
                                     logits of the same shape, None in the same places.

Requests (``id`` is echoed in the reply):
    {"id": 1, "op": "describe"}
        -> {"id": 1, "result": {"name", "group", "family", "eta", "step": bool, "python"}}
    {"id": 2, "op": "advantage", "rewards": [[0, 1, ...], ...], "digits": 50}
        -> {"id": 2, "result": [[w, ...], ...]}    one weight list per reward vector
    {"id": 3, "op": "step", "logits": [...], "cots": [...], "rewards": [...], "eta": 1.0, "digits": 50}
        -> {"id": 3, "result": new logits}
    {"id": 4, "op": "shutdown"}  -> {"id": 4, "result": null}, then the process exits
A weight or logit goes out as a JSON number (floats, exactly as repr prints them) or a decimal
string (ints, Decimals, decimal strings; a Fraction divided out to ``digits`` significant digits).
A failure replies {"id": n, "error": {"type", "message", "where", "traceback"}}: the exception's
class and message, the call that raised (``import``, ``advantage([0, 1])``, ``step(...)``; empty
when the runner itself refuses a return value, whose message says where), and the user's own
frames of its traceback, last ones only. The process stays usable.

The process exits on "shutdown", at the end of stdin, or when its parent dies (a watchdog thread
polls the parent pid), so an interrupted checker never leaves it behind. Ctrl-C in a terminal
reaches the whole process group; the runner does not stop on it but writes the line
{"interrupted": true} and carries on: the checker, whose main thread may be blocked waiting for a
reply, lets a quick call finish and kills a slow one. The user's prints go to stderr and stdin
reads nothing, so user code cannot garble the protocol.
"""
import importlib.util
import json
import math
import numbers
import os
import signal
import sys
import threading
import time
import traceback
from decimal import Decimal, InvalidOperation, localcontext

FAMILIES = ("rlvr", "kl-regularized", "rejection")
RUNNER = os.path.abspath(__file__)
TRACEBACK_FRAMES = 3


class ReturnValueError(Exception):
    """A user function returned something of the wrong shape or type."""


def encode_number(x, digits, where):
    """One weight or logit for the wire: a JSON number (float) or a decimal string."""
    if type(x) is float and math.isfinite(x):  # the common case first: 2^16 vectors of floats
        return x
    if isinstance(x, bool):
        raise ReturnValueError(f"{where} is a bool ({x}); expected a number")
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ReturnValueError(f"{where} is {x}; expected a finite number")
        return str(x)
    if isinstance(x, numbers.Rational):
        with localcontext() as ctx:
            ctx.prec = digits
            return str(Decimal(x.numerator) / Decimal(x.denominator))
    if isinstance(x, str):
        try:
            d = Decimal(x.strip())
        except InvalidOperation:
            raise ReturnValueError(f"{where} is the string {x!r}; expected a decimal string") from None
        if not d.is_finite():
            raise ReturnValueError(f"{where} is {x!r}; expected a finite number")
        return str(d)
    if isinstance(x, numbers.Real) or hasattr(x, "__float__"):
        f = float(x)
        if not math.isfinite(f):
            raise ReturnValueError(f"{where} is {f}; expected a finite number")
        return f
    raise ReturnValueError(
        f"{where} is a {type(x).__module__}.{type(x).__qualname__}; "
        "expected an int, float, Decimal, Fraction or decimal string"
    )


def as_list(x, where, length):
    """`x` as a list of `length` items (lists, tuples, arrays), else a ReturnValueError."""
    if isinstance(x, (str, bytes, dict)) or not hasattr(x, "__iter__") or not hasattr(x, "__len__"):
        raise ReturnValueError(f"{where} is a {type(x).__name__}; expected a list of {length}")
    items = list(x)
    if len(items) != length:
        raise ReturnValueError(f"{where} has {len(items)} items; expected {length}")
    return items


class Runner:
    def __init__(self, path):
        self.path = path
        self.module = None
        self.where = ""  # the call under way, for error replies

    def describe(self, request):
        if self.module is None:
            self.where = "import"
            self.module = load_module(self.path)
        self.where = ""
        m = self.module
        name = getattr(m, "name", None)
        if not isinstance(name, str) or name == "":
            raise ReturnValueError(f"the file must define name = '...' (a non-empty str), got {name!r}")
        group = getattr(m, "group", None)
        if isinstance(group, bool) or not isinstance(group, int):
            raise ReturnValueError(f"the file must define group = G (an int), got {group!r}")
        if not callable(getattr(m, "advantage", None)):
            raise ReturnValueError("the file must define advantage(rewards) returning a list of group weights")
        family = getattr(m, "family", "rlvr")
        if family not in FAMILIES:
            raise ReturnValueError(f"family must be one of {', '.join(FAMILIES)}, got {family!r}")
        eta = getattr(m, "eta", 1)
        if isinstance(eta, bool) or not isinstance(eta, numbers.Real) or not math.isfinite(float(eta)):
            raise ReturnValueError(f"eta must be a finite number, got {eta!r}")
        step = getattr(m, "step", None)
        if step is not None and not callable(step):
            raise ReturnValueError(f"step must be a function, got {type(step).__name__}")
        return {
            "name": name,
            "group": group,
            "family": family,
            "eta": float(eta),
            "step": step is not None,
            "python": sys.version.split()[0],
        }

    def loaded(self):
        if self.module is None:
            raise ReturnValueError("send describe first")
        return self.module

    def advantage(self, request):
        m = self.loaded()
        digits = request.get("digits", 50)
        out = []
        for rewards in request["rewards"]:
            where = self.where = f"advantage({rewards})"
            weights = as_list(m.advantage(list(rewards)), where, len(rewards))
            out.append([encode_number(w, digits, f"{where}[{i}]") for i, w in enumerate(weights)])
        return out

    def step(self, request):
        m = self.loaded()
        if getattr(m, "step", None) is None:
            raise ReturnValueError("the file defines no step function")
        logits = request["logits"]
        copy = [[list(row) for row in layer] for layer in logits]
        cots = [list(o) for o in request["cots"]]
        eta = float(request["eta"])
        self.where = f"step(logits, cots, {request['rewards']}, {eta})"
        new = m.step(copy, cots, list(request["rewards"]), eta)
        return same_shape(new, logits, request.get("digits", 50))

    def handle(self, request):
        self.where = ""
        op = request.get("op")
        if op == "describe":
            return self.describe(request)
        if op == "advantage":
            return self.advantage(request)
        if op == "step":
            return self.step(request)
        raise ReturnValueError(f"unknown op {op!r}")


def same_shape(new, old, digits):
    """`new` encoded like `old`: the same nested lengths, None exactly where `old` has None."""
    layers = as_list(new, "step(...)", len(old))
    out = []
    for l, (layer, old_layer) in enumerate(zip(layers, old)):
        rows = as_list(layer, f"step(...)[{l}]", len(old_layer))
        out_layer = []
        for u, (row, old_row) in enumerate(zip(rows, old_layer)):
            values = as_list(row, f"step(...)[{l}][{u}]", len(old_row))
            out_row = []
            for v, (x, was) in enumerate(zip(values, old_row)):
                where = f"step(...)[{l}][{u}][{v}]"
                if was is None:
                    if x is not None:
                        raise ReturnValueError(f"{where} is {x!r}; expected None (no edge there)")
                    out_row.append(None)
                elif x is None:
                    raise ReturnValueError(f"{where} is None; expected a number (the edge exists)")
                else:
                    out_row.append(encode_number(x, digits, where))
            out_layer.append(out_row)
        out.append(out_layer)
    return out


def load_module(path):
    """Import the user's file by path, its folder first on sys.path (for its own imports)."""
    sys.dont_write_bytecode = True  # leave no __pycache__ in the user's folder
    folder = os.path.dirname(os.path.abspath(path))
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location("tmc_user_method", path)
    if spec is None or spec.loader is None:
        raise ReturnValueError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def error_reply(e, where):
    """The exception's class, message and the user's last frames (never the runner's)."""
    if isinstance(e, ReturnValueError):
        return {"type": "ReturnValueError", "message": str(e), "where": "", "traceback": ""}
    frames = [f for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename) != RUNNER]
    frames = [f for f in frames if "importlib" not in f.filename]
    lines = traceback.format_list(frames[-TRACEBACK_FRAMES:])
    if isinstance(e, SyntaxError):
        # Its location is in the exception, not in the frames: file, line, the caret.
        lines += traceback.format_exception_only(type(e), e)[:-1]
    return {"type": type(e).__name__, "message": str(e), "where": where, "traceback": "".join(lines).rstrip()}


def watch_parent():
    """Exit when the parent dies (reparenting changes getppid), even if user code hangs."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: python3 tmc_runner.py FILE.py\n")
        return 2
    # The protocol gets private copies of stdin and stdout; user code sees /dev/null and stderr.
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")

    def on_sigint(signum, frame):
        # Python runs this between the main thread's calls, so it never splits a reply line.
        replies.write('{"interrupted": true}\n')
        replies.flush()

    signal.signal(signal.SIGINT, on_sigint)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdin = open(os.devnull, "r")
    sys.stdout = sys.stderr
    threading.Thread(target=watch_parent, daemon=True).start()
    runner = Runner(argv[1])
    while True:
        line = requests.readline()
        if line == "":
            return 0
        try:
            request = json.loads(line)
        except ValueError as e:
            replies.write(json.dumps({"id": None, "error": {"type": "ProtocolError", "message": str(e), "where": "", "traceback": ""}}) + "\n")
            replies.flush()
            continue
        if request.get("op") == "shutdown":
            replies.write(json.dumps({"id": request.get("id"), "result": None}) + "\n")
            replies.flush()
            return 0
        try:
            reply = {"id": request.get("id"), "result": runner.handle(request)}
        except BaseException as e:  # SystemExit too: user code must not end the process silently
            reply = {"id": request.get("id"), "error": error_reply(e, runner.where)}
        replies.write(json.dumps(reply, allow_nan=False) + "\n")
        replies.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""scripts/system-deps.sh holds the list of every Debian package the project's scripts, tests,
benchmarks and make targets need (between its LIST markers), and installs exactly that list.

The list cannot drift from the code: this test scans the repository for every external program
it runs or looks up —

- Python: `require("x")`, `shutil.which("x")`, `subprocess.*(["x", ...])`, absolute system paths
  such as "/usr/bin/chromium" or a font under /usr/share/fonts, and Django commands that shell
  out (makemessages/compilemessages run GNU gettext);
- shell scripts, .ci/run and the Makefile's recipes: `command -v x` and every command word
  (also inside `$(...)`, after `timeout`, `runuser ... --`, `env`, and our own wrapper
  functions such as `as_postgres "$PG_BIN/pg_ctl"`);

— and fails when a program is not in the list. Where the program is installed, `dpkg -S`
checks that it really comes from the listed package (or from one the package depends on)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ROOT / "scripts" / "system-deps.sh"
SKIP_DIRS = {".git", ".venv", "node_modules", "staticfiles", "media", "test-artifacts"}

# Django management commands that run external programs.
DJANGO_COMMANDS = {
    "makemessages": ("xgettext", "msguniq", "msgmerge"),
    "compilemessages": ("msgfmt",),
}

# Shell words that are not programs: keywords, builtins and things that come before a command.
SHELL_KEYWORDS = {"!", "{", "}", "if", "then", "else", "elif", "do", "while", "until", "time"}
_BUILTINS = """
    : . [ [[ ]] alias bg break builtin cd command continue declare dirs disown echo enable eval
    exec exit export false fc fg fi done esac getopts hash help history jobs kill let local logout
    mapfile popd printf pushd pwd read readarray readonly return set shift shopt source suspend
    test times trap true type typeset ulimit umask unalias unset wait
"""
SHELL_BUILTINS = set(_BUILTINS.split())
# External programs that run the command given after their own options.
WRAPPERS = {"env", "nohup", "setsid", "sudo", "timeout", "runuser", "xargs"}
WRAPPER_VARIABLES = {"$SUDO"}  # SUDO="" or "sudo", as in system-deps.sh


@dataclass(frozen=True)
class Package:
    name: str
    source: str  # debian | any | project
    provides: tuple[str, ...]  # programs and path prefixes

    @property
    def programs(self) -> tuple[str, ...]:
        return tuple(p for p in self.provides if not p.startswith("/"))

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for p in self.provides if p.startswith("/"))


def package_list() -> str:
    """The list inside system-deps.sh: the lines of its `<<'LIST'` here-document."""
    match = re.search(r"<<'LIST'\n(.*?)\nLIST\n", PACKAGES.read_text(), re.S)
    assert match, f"no <<'LIST' here-document in {PACKAGES}"
    return match.group(1)


def read_packages() -> list[Package]:
    packages = []
    for line in package_list().splitlines():
        line = line.split("#", 1)[0].split()
        if line:
            packages.append(Package(line[0], line[1], tuple(line[2:])))
    return packages


# -- scanning ----------------------------------------------------------------------------------


def source_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*"):
        if SKIP_DIRS & set(path.relative_to(ROOT).parts) or not path.is_file():
            continue
        if path == Path(__file__).resolve():
            continue  # this file quotes programs in its own tests of the scanner
        if path.suffix in (".py", ".sh") or path.name == "Makefile" or path.parent.name == ".ci":
            files.append(path)
    return sorted(files)


PY_LOOKUPS = [
    re.compile(r"""\brequire\(\s*["']([\w.+-]+)["']"""),
    re.compile(r"""\bshutil\.which\(\s*["']([\w.+-]+)["']"""),
    re.compile(r"""\bsubprocess\.\w+\(\s*\[\s*["']([\w.+-]+)["']"""),
]
SYSTEM_PATH = re.compile(r"""(/usr/(?:s?bin|lib|libexec|share)/[^\s"':;)]+)""")
DJANGO_COMMAND = re.compile(r"""call_command\(\s*["'](\w+)["']""")


def python_needs(text: str) -> set[str]:
    needs = {m.group(1) for pattern in PY_LOOKUPS for m in pattern.finditer(text)}
    needs |= {m.group(1) for m in SYSTEM_PATH.finditer(text)}
    for m in DJANGO_COMMAND.finditer(text):
        needs.update(DJANGO_COMMANDS.get(m.group(1), ()))
    return needs


class ShellScanner:
    """Just enough of a shell parser to find the command words of a script: quotes, comments,
    here-documents, $(...), ${...}, $((...)), redirections, arrays, case patterns, functions."""

    def __init__(self, text: str):
        self.text = re.sub(r"\\\n", " ", text)
        self.i = 0
        self.segments: list[list[str]] = []  # the words of each simple command
        self.functions: dict[str, list[list[str]]] = {}
        self.heredocs: list[str] = []
        self.arrays: dict[str, list[str]] = {}
        self.depth = 0  # of { } groups
        self.defining: list[tuple[str, int]] = []  # functions whose body we are in, and depth

    def scan(self) -> ShellScanner:
        self._commands(until=None)
        return self

    # A list of commands up to `until` (")" or "`") or the end of the text.
    def _commands(self, until: str | None) -> None:
        words: list[str] = []
        word: str | None = None
        redirect = False
        case_pattern = False

        def end_word():
            nonlocal word, redirect
            if word is not None:
                if not redirect:
                    words.append(word)
                redirect = False
            word = None

        def end_segment():
            nonlocal words, case_pattern
            end_word()
            if words:
                if words[0] == "case":
                    case_pattern = True
                elif words[0] == "esac":
                    case_pattern = False
                else:
                    self._emit(words)
            words = []

        text = self.text
        while self.i < len(text):
            c = text[self.i]
            if until and c == until and not (case_pattern and until == ")"):
                self.i += 1
                end_segment()
                return
            if c == "\n":
                self.i += 1
                end_segment()
                self._skip_heredocs()
                continue
            if case_pattern and word is None and not words and c not in " \t":
                # A case pattern such as `start)` or `stop | status)`: skip it.
                line_end = text.find("\n", self.i)
                close = text.find(")", self.i)
                if (
                    c != "#"
                    and close != -1
                    and (line_end == -1 or close < line_end)
                    and not text[self.i : close].lstrip().startswith("esac")
                ):
                    self.i = close + 1
                    case_pattern = False
                    continue
            if c in " \t":
                self.i += 1
                end_word()
                continue
            if c == "#" and word is None:
                end = text.find("\n", self.i)
                self.i = len(text) if end == -1 else end
                continue
            if text.startswith(";;", self.i):
                self.i += 2
                end_segment()
                case_pattern = True
                continue
            if c in ";&|":
                if c == "&" and text.startswith("&>", self.i):
                    self.i += 2
                    end_word()
                    redirect = True
                    continue
                self.i += 2 if text.startswith(c * 2, self.i) else 1
                end_segment()
                continue
            if c in "<>":
                if word is not None and word.isdigit():
                    word = None  # a file descriptor number
                end_word()
                if text.startswith("<<<", self.i):
                    self.i += 3
                elif text.startswith("<<", self.i):
                    self.i += 2
                    self._heredoc_marker()
                    continue
                else:
                    self.i += 1
                    if self.i < len(text) and text[self.i] in ">&":
                        self.i += 1
                redirect = True
                continue
            if c == "(":
                self.i += 1
                if word is not None and word.endswith("="):
                    start = self.i  # an array: NAME=(...), maybe a command run as "${NAME[@]}"
                    self._skip_balanced("(", ")")
                    self.arrays[word.rstrip("+=")] = self.text[start : self.i - 1].split()
                    word += "()"
                    continue
                if word is not None or words:  # name() { ...: a function definition
                    name = word if word is not None else words[0]
                    word, words = None, []
                    self.i = text.index(")", self.i) + 1
                    self.functions[name] = []
                    self.defining.append((name, self.depth))
                    continue
                end_segment()
                self._commands(until=")")  # a subshell
                continue
            if c == ")":
                self.i += 1
                end_segment()
                continue
            if c == "`":
                self.i += 1
                self._commands(until="`")
                word = (word or "") + "$_"
                continue
            if c == "'":
                end = text.index("'", self.i + 1)
                word = (word or "") + text[self.i + 1 : end]
                self.i = end + 1
                continue
            if c == '"':
                self.i += 1
                word = (word or "") + self._double_quoted()
                continue
            if c == "$":
                word = (word or "") + self._dollar()
                continue
            if c == "\\":
                word = (word or "") + text[self.i + 1 : self.i + 2]
                self.i += 2
                continue
            word = (word or "") + c
            self.i += 1
        end_segment()

    def _dollar(self) -> str:
        text = self.text
        if text.startswith("$((", self.i):
            self.i += 3
            self._skip_balanced("(", ")")
            self.i += 1  # the second ")"
            return "0"
        if text.startswith("$(", self.i):
            self.i += 2
            self._commands(until=")")
            return "$_"
        if text.startswith("${", self.i):
            end = text.index("}", self.i)
            name = text[self.i + 2 : end]
            self.i = end + 1
            return "${" + name + "}"
        m = re.compile(r"\$([A-Za-z_]\w*|[0-9@*#?$!-])?").match(text, self.i)
        self.i = m.end()
        return m.group(0)

    def _double_quoted(self) -> str:
        out = ""
        text = self.text
        while text[self.i] != '"':
            if text[self.i] == "\\":
                out += text[self.i + 1]
                self.i += 2
            elif text[self.i] == "$":
                out += self._dollar()
            elif text[self.i] == "`":
                self.i += 1
                self._commands(until="`")
                out += "$_"
            else:
                out += text[self.i]
                self.i += 1
        self.i += 1
        return out

    def _skip_balanced(self, opening: str, closing: str) -> None:
        depth = 1
        while depth:
            c = self.text[self.i]
            depth += (c == opening) - (c == closing)
            self.i += 1

    def _emit(self, words: list[str]) -> None:
        """Record a simple command, in the body of the function being defined if any."""
        while words and words[0] == "{":
            self.depth += 1
            words = words[1:]
        if words and words[0] == "}":
            self.depth -= 1
            if self.defining and self.defining[-1][1] == self.depth:
                self.defining.pop()
            words = words[1:]
        if words:
            if self.defining:
                self.functions[self.defining[-1][0]].append(words)
            else:
                self.segments.append(words)

    def _heredoc_marker(self) -> None:
        m = re.compile(r"-?\s*(['\"]?)(\w+)\1").match(self.text, self.i)
        self.heredocs.append(m.group(2))
        self.i = m.end()

    def _skip_heredocs(self) -> None:
        while self.heredocs:
            marker = self.heredocs.pop(0)
            m = re.compile(rf"^\s*{marker}\s*$", re.M).search(self.text, self.i)
            self.i = m.end()

    # -- what the script runs -------------------------------------------------------------------

    def programs(self) -> set[str]:
        def expand(words):
            out = []
            for word in words:
                m = re.fullmatch(r"\$\{(\w+)\[@\]\}", word)
                out.extend(self.arrays.get(m.group(1), [word]) if m else [word])
            return out

        self.segments = [expand(seg) for seg in self.segments]
        self.functions = {name: [expand(s) for s in body] for name, body in self.functions.items()}
        wrappers = {
            name
            for name, body in self.functions.items()
            if any(self._command_words(seg, wrappers=set())[:1] == ["$@"] for seg in body)
        }
        found: set[str] = set()
        for seg in [*self.segments, *(s for body in self.functions.values() for s in body)]:
            found.update(self._command_words(seg, wrappers))
        return {
            word
            for word in found
            if word not in self.functions
            and word not in SHELL_BUILTINS
            and word != "$@"
            and "$" not in word
        }

    @staticmethod
    def _command_words(words: list[str], wrappers: set[str]) -> list[str]:
        """The programs a simple command runs: its command word, and the one a wrapper runs."""
        found = []
        i = 0
        while i < len(words):
            word = words[i]
            if word in SHELL_KEYWORDS or re.match(r"^[A-Za-z_]\w*(\[[^]]*\])?\+?=", word):
                i += 1
                continue
            if word in ("for", "select", "case", "function"):
                return found
            if word == "command" and words[i + 1 : i + 2] == ["-v"]:
                found.extend(words[i + 2 :])
                return found
            if word == "exec" or word in WRAPPER_VARIABLES or word in wrappers:
                i += 1
                continue
            if word.startswith("$") and "/" in word:
                word = word.rsplit("/", 1)[1]  # "$PG_BIN/pg_ctl"
            elif "/" in word and not word.startswith("/"):
                return found  # the project's own files: .venv/bin/ruff, scripts/x.sh
            found.append(word.rsplit("/", 1)[-1] if word.startswith("/") else word)
            if word not in WRAPPERS:
                return found
            i += 1
            if word == "runuser":
                i = words.index("--", i) + 1 if "--" in words[i:] else len(words)
                continue
            while i < len(words) and (words[i].startswith("-") or "=" in words[i]):
                i += 1
            if word == "timeout":
                i += 1  # the duration
        return found


def makefile_as_shell(text: str) -> str:
    """The Makefile's recipe lines as a shell script, with its `:=` and `=` variables expanded
    (`?=` ones may come from the caller's environment: they stay variables)."""
    variables = dict(re.findall(r"^(\w+)\s*:?=\s*(.*)$", text, re.M))
    lines = []
    for line in text.splitlines():
        if line.startswith("\t"):
            line = line.lstrip("\t").lstrip("@-")
            line = re.sub(r"\$\(call [^)]*\)", "", line)  # a make macro: its lines are recipes
            for _ in range(3):
                line = re.sub(
                    r"\$\((\w+)\)", lambda m: variables.get(m.group(1), "$" + m.group(1)), line
                )
            lines.append(line.replace("$$", "$"))
    return "\n".join(lines)


def shell_needs(text: str) -> set[str]:
    needs = ShellScanner(text).scan().programs()
    needs |= {m.group(1) for m in SYSTEM_PATH.finditer(text)}
    return needs


def needs_of(path: Path) -> set[str]:
    text = path.read_text()
    if path.suffix == ".py":
        return python_needs(text)
    if path.name == "Makefile":
        return shell_needs(makefile_as_shell(text))
    return shell_needs(text)


def owner(need: str, packages: list[Package]) -> Package | None:
    """The package that provides a program or a system path."""
    if need.startswith("/"):
        for package in packages:
            if any(need.startswith(prefix) for prefix in package.paths):
                return package
        if re.match(r"/usr/s?bin/[^/]+$", need):
            need = need.rsplit("/", 1)[1]
        else:
            return None
    return next((p for p in packages if need in p.programs), None)


# -- the tests ---------------------------------------------------------------------------------


def test_every_program_the_project_runs_has_a_package():
    packages = read_packages()
    unmapped = {}
    for path in source_files():
        for need in needs_of(path):
            if owner(need, packages) is None:
                unmapped.setdefault(need, []).append(str(path.relative_to(ROOT)))
    assert not unmapped, (
        f"add these programs to {PACKAGES.relative_to(ROOT)} with their Debian package: {unmapped}"
    )


def test_the_scan_finds_what_the_scripts_use():
    """The scanner itself: it must see the programs we know each file runs (and not the words
    of messages, config here-documents or case patterns)."""
    assert {"pg_ctl", "initdb", "psql", "runuser", "/usr/lib/postgresql/*/bin"} <= needs_of(
        ROOT / "scripts" / "postgres.sh"
    )
    es = needs_of(ROOT / "scripts" / "elasticsearch.sh")
    assert {"java", "mvn", "unzip", "curl", "flock", "useradd", "runuser", "timeout"} <= es
    assert not es & {"status", "stop", "start", "cluster.name", "xpack.security.enabled:"}
    redis = needs_of(ROOT / "scripts" / "redis.sh")
    assert {"redis-server", "redis-cli"} <= redis
    assert not redis & {"bind", "port", "save", "start", "stop", "url"}
    assert {"pgrep", "curl", "setsid", "nohup"} <= needs_of(ROOT / "scripts" / "stack.sh")
    assert {"nginx", "openssl", "systemd-analyze"} <= needs_of(
        ROOT / "tests" / "deploy" / "test_deploy_files.py"
    )
    assert "/usr/bin/chromium" in needs_of(ROOT / "tests" / "browser" / "conftest.py")
    assert {"wrk", "apt-get"} <= needs_of(ROOT / "bench" / "common.py")
    assert "msgfmt" in needs_of(ROOT / "scripts" / "messages.py")
    assert "make" in needs_of(ROOT / ".ci" / "run")
    assert "npm" in needs_of(ROOT / "Makefile")


def test_the_scanner_reads_shell_constructs():
    script = """
run() { if [ -n "$x" ]; then runuser -u u -- "$@"; else "$@"; fi; }
die() { echo "usage: start|stop" >&2; exit 1; }
ARR=(notacommand other)
cat >"$f" <<EOF
bind 127.0.0.1
EOF
v="$(ls -d /x | sort -V)"; run "$BIN/tool1" -x || die "tool2 is missing"
timeout 5 env A=1 tool3 --flag   # tool4
case "$1" in
  a | b) tool5 ;;
  *) echo "no" ;;
esac
[ "$(curl -s -w '%{http_code}')" = 200 ] && `tool6`
"""
    found = ShellScanner(script).scan().programs()
    assert found == {"runuser", "cat", "ls", "sort", "tool1", "timeout", "env"} | {
        "tool3",
        "tool5",
        "curl",
        "tool6",
    }


def test_system_deps_installs_the_list():
    names = [p.name for p in read_packages()]
    assert len(names) == len(set(names))
    for required in ("nginx", "openssl", "systemd", "postgresql", "chromium", "wrk", "gettext"):
        assert required in names


def test_system_deps_lists_what_it_would_install():
    """`system-deps.sh --list` prints the Debian packages of the list, and with `--missing` only
    those not installed (nothing is installed by either)."""
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "system-deps.sh"), "--list"],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = [p.name for p in read_packages() if p.source != "project"]
    assert result.stdout.split() == expected
    if not shutil.which("dpkg-query"):
        return
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "system-deps.sh"), "--missing"],
        capture_output=True,
        text=True,
        check=True,
    )
    for name in result.stdout.split():
        status = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        ).stdout
        assert "install ok installed" not in status, name


def _aliases(path: str) -> set[str]:
    """The names dpkg may know a file by (a symlink's target; /bin for /usr/bin: usrmerge)."""
    names = {path, os.path.realpath(path)}
    return names | {re.sub(r"^/usr(?=/s?bin/)", "", name) for name in names}


def _dpkg_owners(paths: list[str]) -> dict[str, set[str]]:
    """For each path, the packages that provide it (one `dpkg -S` call: it is slow)."""
    queries = sorted({alias for path in paths for alias in _aliases(path)})
    result = subprocess.run(["dpkg", "-S", *queries], capture_output=True, text=True)
    found: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        names, _, file = line.rpartition(": ")
        found[file] = {name.split(":", 1)[0].strip() for name in names.split(",")}
    return {
        path: set().union(*(found.get(alias, set()) for alias in _aliases(path))) for path in paths
    }


def _installed(package: str) -> bool:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Status}", package], capture_output=True, text=True
    )
    return result.stdout == "installed"


def _depends(package: str, levels: int = 2) -> set[str]:
    """The package and what it depends on (two levels: postgresql -> postgresql-15 ->
    postgresql-client-15)."""
    names = {package}
    if levels:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Depends},${Pre-Depends}", package],
            capture_output=True,
            text=True,
        )
        for alternative in re.split(r"[,|]", result.stdout):
            name = alternative.strip().split(" ", 1)[0].split(":", 1)[0]
            if name:
                names |= _depends(name, levels - 1)
    return names


def _where(program: str, package: Package) -> str | None:
    for prefix in package.paths:  # e.g. pg_ctl under /usr/lib/postgresql/<version>/bin
        found = sorted(Path(prefix).rglob(program)) if Path(prefix).is_dir() else []
        if found:
            return str(found[-1])
    return shutil.which(program)


def test_each_installed_program_comes_from_its_listed_package():
    if not shutil.which("dpkg"):
        pytest.skip("not a Debian machine")
    listed: dict[str, tuple[str, str]] = {}  # path -> (package, program or path prefix)
    for package in read_packages():
        if package.source == "project" or not _installed(package.name):
            continue  # an "any" package may be replaced by a Java or Node.js from elsewhere
        for program in package.programs:
            path = _where(program, package)
            if path is not None:
                listed[path] = (package.name, program)
        for prefix in package.paths:
            path = next((p for p in Path(prefix).rglob("*") if p.is_file()), None)
            if path is not None:
                listed[str(path)] = (package.name, prefix)
    owners = _dpkg_owners(list(listed))
    wrong = {
        what: (package, path, owners[path])
        for path, (package, what) in listed.items()
        if package not in owners[path] and not owners[path] & _depends(package)
    }
    assert len(listed) >= 20
    assert not wrong, f"program: (listed package, its path, the packages that provide it): {wrong}"

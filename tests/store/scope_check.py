#!/usr/bin/env python3
"""Data scope check of the store (issue 11): every query that reads a scoped table either
applies the actor's scope or is an unscoped read named, with its purpose, in a registry.

    scope_check.py <store source dir> <registry file>

For every top-level function of <dir>/*.cpp (functions inside `namespace {` and member
functions defined out of line included; a lambda belongs to the function it is written in) it
collects the SQL the function writes: its string literals (adjacent literals concatenated, as
C++ does) and the file-level constants it names (`constexpr std::string_view from_sql = ...`,
resolved by name within the file, transitively). The function *reads* a table when that SQL has
`FROM <table>` or `JOIN <table>` (`DELETE FROM` is a write, not a read), or when a literal is
just a table and its alias (`count_capped(c, page, "staff s", w)` writes the FROM itself).
Table names built at run time (`"FROM " + table`) are not seen.

A function is *scoped* when it applies the actor's scope:
  - it uses `Scope` (`Scope(a).staff(w)`, `Scope::bureau_of`, `store::Scope`, a `Scope`
    variable or parameter; `core::report::Scope`, the kind of a report, does not count);
  - it calls a report-scope helper (scope_report_programs / _pairings / _work, resolve_scope) or
    a region filter of store/region_filter.hpp (filter_*_region, filter_region_rows,
    filter_work_institution), which apply a scope already resolved for the actor;
  - it takes a `Where` (`Where&`, `const Where&` or by value) built, with the scope, by its
    caller;
  - it calls a function of the same file that puts the scope into a `Where` (returns one, as
    a list's `filtered(c, a, q)`, or fills one, as `scope(a, w)`) or returns a `ResolvedScope`
    it resolved for the actor.
Otherwise a function that reads a scoped table is an *unscoped read*, and must be listed in the
registry as `<file>:<function> — <purpose>`. The check fails when an unscoped read is not
listed, and when a listed function no longer exists or no longer reads a scoped table unscoped,
so the registry stays true.

The scoped tables are every table created in <dir>/migrations.cpp, except the public ones
below: a new table is scoped until someone decides otherwise here.
"""

import re
import sys
from pathlib import Path

# Tables that are not scoped data: anyone who may use the installation reads them.
NOT_SCOPED = {
    # The administrative divisions (province -> township): public reference data, read by every
    # role to fill forms and to name the regions of the rows it does read.
    "regions",
    # Choice lists (dictionaries) and their labels: the same for everybody.
    "dictionary_entries",
    # The schema version: bookkeeping of the migrations.
    "schema_migrations",
    # The bytes of an uploaded file, reached only through a `files` row (by its file_id), which
    # is itself scoped data and read only after its owner was read in scope.
    "file_contents",
    # The balance index's standards and limits per region (issue 13): policy data, like the
    # national method they default to; what a county's figures are measured against.
    "balance_policies",
}

SCOPE_HELPERS = re.compile(
    r"\b(?:scope_report_programs|scope_report_pairings|scope_report_work|resolve_scope"
    r"|filter_\w+_region|filter_region_rows|filter_work_institution)\s*\("
)
SCOPE_TYPE = re.compile(r"(?<![\w:])(?:store::)?Scope\b")
STORE_SCOPE = re.compile(r"(?<![\w:])(?:bangfu::)?store::Scope\b")
REPORT_SCOPE_ALIAS = re.compile(r"\busing\s+(?:bangfu::)?core::report::Scope\s*;")
# A parameter of type Where (`Where& w`, `const Where& w`, or `Where w` by value).
WHERE_PARAM = re.compile(r"[(,]\s*(?:const\s+)?(?:store::)?Where\s*&?\s*\w+\s*[,)=]")
READ = re.compile(r"(\bDELETE\s+)?\b(?:FROM|JOIN)\s+([A-Za-z_]\w*)")
TABLE_ALIAS = re.compile(r"^\s*([a-z_]+)\s+[a-z]{1,4}\s*$")
CREATE_TABLE = re.compile(r"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_]\w*)")


def lex(text):
    """Returns (code, literals): the code with comments and preprocessor lines blanked (newlines
    kept, so offsets give line numbers) and each string literal replaced by \\x01<n>\\x02."""
    out = []
    literals = []
    i = 0
    n = len(text)
    line_start = True
    while i < n:
        ch = text[i]
        if line_start and ch == "#":
            # A preprocessor line (with its continuations).
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append("\n")
                    i += 2
                    continue
                i += 1
            continue
        if ch == "\n":
            out.append(ch)
            line_start = True
            i += 1
            continue
        if ch in " \t":
            out.append(ch)
            i += 1
            continue
        line_start = False
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        m = re.match(r'(?:u8|u|U|L)?R"([^(\s]*)\(', text[i:i + 40])
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            close = ")" + m.group(1) + '"'
            start = i + m.end()
            end = text.find(close, start)
            if end < 0:
                end = n
            body = text[start:end]
            literals.append(body)
            out.append("\x01%d\x02" % (len(literals) - 1) + "\n" * body.count("\n"))
            i = end + len(close)
            continue
        if ch == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != '"':
                if text[j] == "\\" and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                    continue
                buf.append(text[j])
                j += 1
            literals.append("".join(buf))
            out.append("\x01%d\x02" % (len(literals) - 1))
            i = j + 1
            continue
        if ch == "'":
            # A digit separator (1'000) or a character literal.
            if i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit():
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            out.append("' '")
            i = j + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out), literals


LITERAL_RUN = re.compile(r"\x01(\d+)\x02(?:\s*\x01\d+\x02)*")


def sql_of(code, literals):
    """The SQL texts of a piece of code: each run of adjacent literals, concatenated."""
    texts = []
    for m in LITERAL_RUN.finditer(code):
        texts.append("".join(literals[int(k)] for k in re.findall(r"\x01(\d+)\x02", m.group(0))))
    return texts


def words(code):
    """Identifiers of the code, strings excluded."""
    return set(re.findall(r"[A-Za-z_]\w*", re.sub(r"\x01\d+\x02", " ", code)))


def function_name(header):
    """The (qualified) name of the function a header declares, or None."""
    h = re.sub(r"\x01\d+\x02", '""', header)
    depth_angle = 0
    for k, ch in enumerate(h):
        if ch == "<":
            depth_angle += 1
        elif ch == ">":
            depth_angle = max(0, depth_angle - 1)
        elif ch == "=" and depth_angle == 0 and not re.search(r"operator\s*\S*$", h[:k + 1]):
            return None  # an initializer (a variable, or a lambda assigned to one)
        elif ch == "(" and depth_angle == 0:
            m = re.search(r"((?:[A-Za-z_]\w*::)*~?(?:operator\s*\S+?|[A-Za-z_]\w*))\s*$", h[:k])
            return m.group(1) if m else None
    return None


def parse(path):
    """Functions and constants of one file.

    Returns (functions, constants): functions as dicts {name, line, header, code}, constants as
    {name: code} (file-level declarations that hold string literals)."""
    text = path.read_text(encoding="utf-8")
    code, literals = lex(text)
    report_scope_alias = bool(REPORT_SCOPE_ALIAS.search(code))
    functions = []
    constants = {}
    stack = []  # kinds of the open braces: ns, class:<name>, func, other
    boundary = 0  # start of the current top-level item
    i = 0
    n = len(code)
    while i < n:
        ch = code[i]
        at_top = all(k == "ns" or k.startswith("class:") for k in stack)
        if ch == "{" and at_top:
            header = code[boundary:i].strip()
            if header.count("(") > header.count(")"):
                stack.append("other")  # a braced default argument: the header goes on
            elif re.match(r"(?:inline\s+)?namespace\b|extern\s+\x01", header):
                stack.append("ns")
                boundary = i + 1
            elif re.match(r"(?:template\s*<[^{]*>\s*)?(?:struct|class|union|enum)\b", header) and (
                "(" not in header
            ):
                m = re.match(r"(?:template\s*<[^{]*>\s*)?(?:struct|class|union|enum)\s+(?:class\s+)?(\w+)", header)
                stack.append("class:" + (m.group(1) if m else "?"))
                boundary = i + 1
            elif function_name(header):
                # A function: its body runs to the matching brace.
                depth = 0
                j = i
                while j < n:
                    if code[j] == "{":
                        depth += 1
                    elif code[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                name = function_name(header)
                owner = [k[6:] for k in stack if k.startswith("class:")]
                if owner and "::" not in name:
                    name = owner[-1] + "::" + name
                start = boundary + (len(code[boundary:i]) - len(code[boundary:i].lstrip()))
                functions.append(
                    {
                        "name": name,
                        "line": code.count("\n", 0, start) + 1,
                        "header": header,
                        "code": code[start:j + 1],
                        "report_scope_alias": report_scope_alias,
                    }
                )
                i = j + 1
                boundary = i
                continue
            else:
                stack.append("other")  # an initializer: part of the declaration
        elif ch == "{":
            stack.append("other")
        elif ch == "}":
            kind = stack.pop() if stack else "ns"
            if kind == "ns" or kind.startswith("class:"):
                boundary = i + 1
        elif ch == ";" and at_top:
            decl = code[boundary:i]
            if "\x01" in decl:
                head = re.split(r"[={(]", re.sub(r"\x01\d+\x02", "", decl), maxsplit=1)[0]
                m = re.search(r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*$", head)
                if m:
                    constants[m.group(1)] = decl
            boundary = i + 1
        i += 1
    return functions, constants, literals


def scoped_tables(src):
    migrations = src / "migrations.cpp"
    if not migrations.exists():
        sys.exit(f"scope_check: {migrations} not found (the tables are read from it)")
    tables = set(CREATE_TABLE.findall(migrations.read_text(encoding="utf-8")))
    return tables - NOT_SCOPED


def is_scoped(fn, local_helpers=(), where_param=True):
    code = re.sub(r"\x01\d+\x02", '""', fn["code"])
    code = re.sub(r"\breport::Scope\b", "report::Kind", code)
    # A file with `using core::report::Scope;` means the report's kind by a bare `Scope`: there
    # only `store::Scope` is the actor's.
    actor_scope = STORE_SCOPE if fn["report_scope_alias"] else SCOPE_TYPE
    return bool(
        actor_scope.search(code)
        or SCOPE_HELPERS.search(code)
        or (where_param and takes_where(fn["header"]))
        or any(re.search(r"(?<![\w.>:])%s\s*\(" % re.escape(h), code) for h in local_helpers)
    )


def takes_where(header):
    return bool(WHERE_PARAM.search(re.sub(r"\s+", " ", header)))


def local_scope_helpers(functions):
    """Functions of a file that put the actor's scope into a `Where` (a list's
    `filtered(c, a, q)` returning one, a `scope(a, w)` filling one) or resolve a report's scope
    for the actor (returning a `ResolvedScope`): calling one is applying the scope."""
    candidates = [
        fn
        for fn in functions
        if re.match(r"(?:(?:store::)?Where|(?:reports::)?ResolvedScope)\s", fn["header"])
        or takes_where(fn["header"])
    ]
    helpers = set()
    while True:
        found = {fn["name"] for fn in candidates if is_scoped(fn, helpers, where_param=False)}
        if found <= helpers:
            return helpers
        helpers |= found


def reads(fn, constants, literals, tables):
    """The scoped tables the function's SQL reads."""
    # Constants named by the function, and the constants they name in turn.
    named = set()
    todo = words(fn["code"]) & constants.keys()
    while todo:
        name = todo.pop()
        named.add(name)
        todo |= (words(constants[name]) & constants.keys()) - named
    sql = sql_of(fn["code"], literals)
    for name in sorted(named):
        sql += sql_of(constants[name], literals)
    found = set()
    for text in sql:
        for m in READ.finditer(text):
            if m.group(1) is None and m.group(2) in tables:
                found.add(m.group(2))
        # A table with its alias, handed to a helper that writes the FROM (count_capped(c, page,
        # "staff s", w)).
        m = TABLE_ALIAS.match(text)
        if m and m.group(1) in tables:
            found.add(m.group(1))
    return found


def read_registry(path):
    entries = {}
    errors = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^([\w.]+\.cpp):([\w:~]+)\s+(?:—|--)\s+(.+)$", line)
        if not m:
            errors.append(f"{path.name}:{number}: not `<file>:<function> — <purpose>`: {line}")
            continue
        key = (m.group(1), m.group(2))
        if key in entries:
            errors.append(f"{path.name}:{number}: {key[0]}:{key[1]} is listed twice")
        entries[key] = (number, m.group(3).strip())
    return entries, errors


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    src = Path(argv[1])
    registry = Path(argv[2])
    tables = scoped_tables(src)
    entries, errors = read_registry(registry)

    scanned = 0
    reading = 0
    scoped = 0
    unscoped = {}  # (file, name) -> [(line, tables)]
    for path in sorted(src.glob("*.cpp")):
        functions, constants, literals = parse(path)
        helpers = local_scope_helpers(functions)
        for fn in functions:
            scanned += 1
            found = reads(fn, constants, literals, tables)
            if not found:
                continue
            reading += 1
            if is_scoped(fn, helpers):
                scoped += 1
                continue
            unscoped.setdefault((path.name, fn["name"]), []).append((fn["line"], found))

    missing = []
    for (file, name), places in sorted(unscoped.items()):
        if (file, name) in entries:
            continue
        for line, found in places:
            missing.append(
                f"{src / file}:{line}: {name} reads {', '.join(sorted(found))} without the "
                f"actor's scope"
            )
    stale = []
    for (file, name), (number, _) in sorted(entries.items(), key=lambda e: e[1][0]):
        if (file, name) not in unscoped:
            stale.append(
                f"{registry.name}:{number}: {file}:{name} is listed, but no function of that name "
                f"in {file} reads a scoped table without the scope (renamed, removed or scoped "
                f"now?): remove the line"
            )
    suspects = [
        f"{file}:{name} — {purpose}"
        for (file, name), (_, purpose) in sorted(entries.items())
        if purpose.upper().startswith("SUSPECT")
    ]

    print(
        f"scope_check: {scanned} functions scanned; {reading} read scoped tables: {scoped} "
        f"scoped, {len(unscoped)} unscoped reads ({len(entries)} listed in {registry.name})"
    )
    for s in suspects:
        print(f"  suspect (listed, to be fixed): {s}")
    if missing:
        print(
            "\nUnscoped reads not in the registry. Apply the actor's scope (store::Scope) or, when "
            f"no scope is needed, add `<file>:<function> — <purpose>` to {registry}:",
            file=sys.stderr,
        )
        for m in missing:
            print("  " + m, file=sys.stderr)
    if stale or errors:
        print(f"\nRegistry lines that are no longer true ({registry}):", file=sys.stderr)
        for m in errors + stale:
            print("  " + m, file=sys.stderr)
    return 1 if missing or stale or errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

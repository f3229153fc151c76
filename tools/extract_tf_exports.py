#!/usr/bin/env python3
"""Builds data/tf115_internal_names.tsv: which public TF 1.x (v1) name each
internal symbol under tensorflow/python/ is exported as.

Reads TensorFlow's own export annotations from a git directory holding
TensorFlow 1.15 (read with `git show`, no work tree needed):

  @tf_export("concat")                  v1 and v2 names: concat
  @tf_export("expand_dims", v1=[])      v2 only: not v1 API, left out
  @tf_export(v1=["where"])              v1 names: where
  tf_export("float32").export_constant(__name__, "float32")
  tf_export("x")(symbol)                at module level
  @keras_export("keras.layers.Dense")   the tf.keras names
  core/api_def/{base,python}_api         generated op wrappers (gen_*_ops)

An internal path module.symbol is written only when that path IS the
exported object: the export decorates the symbol's last module-level
binding (a later `f = wrap(f)` is another object), or the symbol is a
`from tensorflow.python.X import name` re-export (the same object) whose
source is mapped. Star imports are followed: of modules with source, and
of generated modules (gen_*_ops), whose wrappers are named after their ops
and exported under the endpoints core/api_def writes for them.
Every name is checked against the v1 API goldens
(tensorflow/tools/api/golden/v1): exports they do not list are left out.
Where one object has several v1 names, a rule's api wins, then a name the
rules spell, then one rules/hints.yaml spells, then the shortest (ties:
alphabetical).

usage: tools/extract_tf_exports.py GIT_DIR COMMIT RULES_DIR OUT.tsv

The committed table was read from tag v1.15.5 (3db52be7be81, the tip of
upstream's r1.15, "Merge pull request #45763 ... relnotes-1.15.5") in a
mirror of NVIDIA/tensorflow, which carries upstream's r1.15 history:
  tools/extract_tf_exports.py /path/to/tensorflow.git \
      3db52be7be81a87c623cdeb7f03d3767521c5246 rules \
      data/tf115_internal_names.tsv
"""
import ast
import glob
import os
import re
import subprocess
import sys

EXPORTERS = {"tf_export", "keras_export"}


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          check=True, stdout=subprocess.PIPE).stdout


def str_list(node):
    """The strings of a list/tuple literal, or None when not literal."""
    if isinstance(node, (ast.List, ast.Tuple)):
        out = []
        for e in node.elts:
            if not (isinstance(e, ast.Constant) and isinstance(e.value, str)):
                return None
            out.append(e.value)
        return out
    return None


def export_call(node):
    """v1 names of a tf_export(...)/keras_export(...) call node, or None
    when node is not one. Returns [] for a v2-only export."""
    if not isinstance(node, ast.Call):
        return None
    f = node.func
    name = f.id if isinstance(f, ast.Name) else (
        f.attr if isinstance(f, ast.Attribute) else None)
    if name not in EXPORTERS:
        return None
    pos = []
    for a in node.args:
        if not (isinstance(a, ast.Constant) and isinstance(a.value, str)):
            return None
        pos.append(a.value)
    v1 = pos
    for kw in node.keywords:
        if kw.arg == "v1":
            v1 = str_list(kw.value)
            if v1 is None:
                return None
        elif kw.arg in ("api_name",):
            return None  # another API (estimator, ...): not tf.*
    return list(v1)


class Module:
    def __init__(self, name):
        self.name = name
        # name -> list of (index, kind, payload) bindings in source order
        self.bindings = {}
        # (index, v1 names, symbol, kind) exports; kind 'decl' exports the
        # binding at index, 'call' the value at index, 'const' the final one
        self.exports = []
        self.stars = []  # (index, module)
        self.all = None
        self.index = 0

    def bind(self, name, kind, payload=None):
        self.bindings.setdefault(name, []).append((self.index, kind, payload))


def target_names(t):
    """Names an assignment target binds (`f.__doc__ = ...` binds none)."""
    if isinstance(t, ast.Name):
        return [t.id]
    if isinstance(t, ast.Starred):
        return target_names(t.value)
    if isinstance(t, (ast.Tuple, ast.List)):
        return [n for e in t.elts for n in target_names(e)]
    return []


def walk_module(mod, body):
    for st in body:
        mod.index += 1
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef,
                           ast.ClassDef)):
            mod.bind(st.name, "def")
            for d in st.decorator_list:
                v1 = export_call(d)
                if v1 is not None:
                    mod.exports.append((mod.index, v1, st.name, "decl"))
        elif isinstance(st, ast.ImportFrom):
            src = ("." * st.level) + (st.module or "")
            for a in st.names:
                if a.name == "*":
                    mod.stars.append((mod.index, src))
                else:
                    mod.bind(a.asname or a.name, "from", (src, a.name))
        elif isinstance(st, ast.Import):
            for a in st.names:
                mod.bind(a.asname or a.name.split(".")[0], "other")
        elif isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = st.targets if isinstance(st, ast.Assign) else [st.target]
            if (isinstance(st, ast.Assign) and len(targets) == 1
                    and isinstance(targets[0], ast.Name)
                    and isinstance(st.value, ast.Name)):
                # `constant_initializer = Constant`: the same object.
                mod.bind(targets[0].id, "alias", st.value.id)
                continue
            for t in targets:
                for n in target_names(t):
                    mod.bind(n, "other")
                    if n == "__all__" and isinstance(st, ast.Assign):
                        mod.all = str_list(st.value)
        elif isinstance(st, ast.Expr) and isinstance(st.value, ast.Call):
            call = st.value
            # tf_export(...)(symbol)
            v1 = export_call(call.func)
            if v1 is not None and len(call.args) == 1 and isinstance(
                    call.args[0], ast.Name):
                mod.exports.append((mod.index, v1, call.args[0].id, "call"))
            # tf_export(...).export_constant(__name__, "name")
            f = call.func
            if (isinstance(f, ast.Attribute) and f.attr == "export_constant"
                    and len(call.args) == 2
                    and isinstance(call.args[1], ast.Constant)):
                v1 = export_call(f.value)
                if v1 is not None:
                    mod.exports.append(
                        (mod.index, v1, call.args[1].value, "const"))
        elif isinstance(st, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            for field in ("body", "orelse", "finalbody"):
                walk_module(mod, getattr(st, field, []) or [])
            for h in getattr(st, "handlers", []) or []:
                walk_module(mod, h.body)
        elif isinstance(st, ast.Delete):
            for t in st.targets:
                if isinstance(t, ast.Name):
                    mod.bind(t.id, "other")


def lower_case_op_name(s):
    """python_op_gen_internal.cc GenerateLowerCaseOpName."""
    out = []
    for i, c in enumerate(s):
        if c == ">":
            out.append("_")
            continue
        if c.isupper() and i > 0 and (s[i - 1].islower() or (
                i < len(s) - 1 and s[i + 1].islower())):
            out.append("_")
        out.append(c.lower())
    return "".join(out)


def read_api_defs(gitdir, commit):
    """Generated op wrappers (gen_*_ops, built, not in the source tree):
    {function name: v1 names or None when not exported}. python_op_gen.cc
    names the wrapper after the op and, for a VISIBLE op, exports it under
    every endpoint as v1 names. Only ops whose endpoints are written in
    core/api_def (python_api over base_api) are taken as exported."""
    files = [f for f in git(gitdir, "ls-tree", "-r", "--name-only", commit,
                            "tensorflow/core/api_def/base_api",
                            "tensorflow/core/api_def/python_api")
             .decode().split("\n") if f.endswith(".pbtxt")]
    batch = subprocess.run(
        ["git", "--git-dir", gitdir, "cat-file", "--batch"],
        input="".join("%s:%s\n" % (commit, f) for f in files).encode(),
        check=True, stdout=subprocess.PIPE).stdout
    ops = {}  # op -> {"visibility": .., "endpoints": [..]} per layer
    at = 0
    for path in files:
        eol = batch.index(b"\n", at)
        size = int(batch[at:eol].split()[2])
        text = batch[eol + 1:eol + 1 + size].decode()
        at = eol + 1 + size + 1
        layer = "python" if "/python_api/" in path else "base"
        # Drop the <<END ... END heredocs (descriptions).
        text = re.sub(r"<<END\n.*?\nEND", "", text, flags=re.S)
        for block in re.split(r"(?m)^op\s*\{", text)[1:]:
            op = re.search(r'graph_op_name\s*:\s*"([^"]+)"', block)
            if not op:
                continue
            d = ops.setdefault(op.group(1), {})
            vis = re.search(r"visibility\s*:\s*(\w+)", block)
            eps = re.findall(r'endpoint\s*\{\s*name\s*:\s*"([^"]+)"',
                             block)
            d[layer] = (vis.group(1) if vis else None, eps)
    out = {}
    for op, d in ops.items():
        vis, eps = "VISIBLE", []
        for layer in ("base", "python"):
            if layer in d:
                v, e = d[layer]
                vis = v or vis
                eps = e or eps
        name = lower_case_op_name(op)
        if vis == "VISIBLE" and eps and "python" in d:
            out[name] = [lower_case_op_name(e) for e in eps]
        else:
            out.setdefault(name, None)
    return out


def read_op_modules(gitdir, commit):
    """{gen module base name: wrapper names}: gen_X_ops wraps the ops that
    tensorflow/core/ops/X_ops.cc registers (tf_gen_op_wrapper_py)."""
    out = {}
    for path in git(gitdir, "ls-tree", "--name-only", commit,
                    "tensorflow/core/ops/").decode().split("\n"):
        if not path.endswith(".cc") or path.endswith("_test.cc"):
            continue
        text = git(gitdir, "show", "%s:%s" % (commit, path)).decode()
        names = re.findall(r'REGISTER_OP\("([A-Za-z0-9_>]+)"\)', text)
        base = "gen_" + path.rsplit("/", 1)[-1][:-3]
        out[base] = {lower_case_op_name(n) for n in names}
    return out


def read_v1_goldens(gitdir, commit):
    """Every public v1 name the TF 1.15 API goldens list (tf.X.Y)."""
    root = "tensorflow/tools/api/golden/v1/"
    files = [f for f in git(gitdir, "ls-tree", "--name-only", commit,
                            root).decode().split("\n")
             if f.endswith(".pbtxt")]
    batch = subprocess.run(
        ["git", "--git-dir", gitdir, "cat-file", "--batch"],
        input="".join("%s:%s\n" % (commit, f) for f in files).encode(),
        check=True, stdout=subprocess.PIPE).stdout
    names, at = set(), 0
    for _ in files:
        eol = batch.index(b"\n", at)
        size = int(batch[at:eol].split()[2])
        text = batch[eol + 1:eol + 1 + size].decode()
        at = eol + 1 + size + 1
        path = re.search(r'^path: "([^"]+)"', text, re.M).group(1)
        base = "tf" + path[len("tensorflow"):]
        names.add(base)
        for n in re.findall(r'^    name: "([^"]+)"', text, re.M):
            names.add(base + "." + n)
    return names


def is_generated(modname):
    return modname.rsplit(".", 1)[-1].startswith("gen_")


def absolute(modname, is_pkg, src):
    if not src.startswith("."):
        return src
    level = len(src) - len(src.lstrip("."))
    base = modname.split(".")
    if not is_pkg:
        base = base[:-1]
    base = base[:len(base) - (level - 1)] if level > 1 else base
    rest = src.lstrip(".")
    return ".".join(base + ([rest] if rest else []))


def main():
    gitdir, commit, rules_dir, out_path = sys.argv[1:5]
    files = git(gitdir, "ls-tree", "-r", "--name-only", commit,
                "tensorflow/python").decode().split("\n")
    files = [f for f in files if f.endswith(".py")]
    modules = {}
    skipped = []
    batch = subprocess.run(
        ["git", "--git-dir", gitdir, "cat-file", "--batch"],
        input="".join("%s:%s\n" % (commit, f) for f in files).encode(),
        check=True, stdout=subprocess.PIPE).stdout
    texts, at = [], 0
    for path in files:
        eol = batch.index(b"\n", at)
        size = int(batch[at:eol].split()[2])
        texts.append(batch[eol + 1:eol + 1 + size])
        at = eol + 1 + size + 1
    for path, text in zip(files, texts):
        name = path[:-3].replace("/", ".")
        is_pkg = name.endswith(".__init__")
        if is_pkg:
            name = name[:-len(".__init__")]
        try:
            tree = ast.parse(text)
        except SyntaxError:
            skipped.append(path)
            continue
        m = Module(name)
        m.is_pkg = is_pkg
        walk_module(m, tree.body)
        modules[name] = m

    gen_ops = read_api_defs(gitdir, commit)
    op_modules = read_op_modules(gitdir, commit)

    def gen_binds(src, sym):
        """Whether generated module src binds sym (None: not known)."""
        names = op_modules.get(src.rsplit(".", 1)[-1])
        return sym in gen_ops if names is None else sym in names

    def star_may_bind(m, src, sym):
        """Whether `from src import *` in m may bind sym."""
        s = modules.get(absolute(m.name, m.is_pkg, src))
        if s is not None:
            return sym in public_names(s)
        if is_generated(src):
            return gen_binds(src, sym)
        return True  # unknown module

    # Direct exports: object at module.symbol -> v1 names (None: v2 only).
    direct = {}
    ambiguous = set()
    for m in modules.values():
        for idx, v1, sym, kind in m.exports:
            binds = m.bindings.get(sym, [])
            if not binds:
                continue
            last = binds[-1][0]
            later_star = any(i > last and star_may_bind(m, src, sym)
                             for i, src in m.stars)
            if kind == "decl" and idx != last:
                continue  # rebound later: the module attribute is not it
            if kind == "call" and last > idx:
                continue
            if later_star:
                ambiguous.add((m.name, sym))
                continue
            direct.setdefault((m.name, sym), []).append(v1)

    def public_names(m, seen=None):
        if m.all is not None:
            return set(m.all)
        seen = seen or set()
        seen.add(m.name)
        names = {n for n in m.bindings if not n.startswith("_")}
        for _, src in m.stars:
            s = modules.get(absolute(m.name, m.is_pkg, src))
            if s is not None and s.name not in seen:
                names |= public_names(s, seen)
        return names

    memo = {}

    def resolve(modname, sym, depth=0):
        """The v1 name lists of the object modname.sym, or None."""
        key = (modname, sym)
        if key in memo:
            return memo[key]
        memo[key] = None
        if depth > 20 or key in ambiguous:
            return None
        m = modules.get(modname)
        if m is None:
            if is_generated(modname) and gen_ops.get(sym):
                memo[key] = [gen_ops[sym]]
            return memo[key]
        binds = m.bindings.get(sym)
        result = None
        if binds:
            last_idx, kind, payload = binds[-1]
            if any(i > last_idx and star_may_bind(m, src, sym)
                   for i, src in m.stars):
                result = None
            elif key in direct:
                result = direct[key]
            elif kind == "alias":
                # The same object when the aliased name was bound for the
                # last time before the alias.
                src = m.bindings.get(payload, [])
                if src and src[-1][0] < last_idx:
                    result = resolve(modname, payload, depth + 1)
            elif kind == "from":
                src = absolute(m.name, m.is_pkg, payload[0])
                result = resolve(src, payload[1], depth + 1)
                if result is None and src + "." + payload[1] in modules:
                    result = None  # a module: no v1 name of its own
        else:
            # Only through star imports: the last star that has it.
            for _, src in reversed(m.stars):
                s = modules.get(absolute(m.name, m.is_pkg, src))
                if s is None:
                    # A generated module binds the wrappers of its ops
                    # (an op is generated into one module); another
                    # unknown module may bind anything.
                    if is_generated(src) and gen_binds(src, sym):
                        result = resolve(absolute(m.name, m.is_pkg, src),
                                         sym, depth + 1)
                    break
                if sym in public_names(s):
                    result = resolve(s.name, sym, depth + 1)
                    break
        memo[key] = result
        return result

    # Preference among one object's v1 names: a rule's api, then any name
    # the rules spell (exports, table rows), then a hint's, then none.
    tiers = {}
    name_re = r"\btf\.[A-Za-z0-9_.]*[A-Za-z0-9_]"
    for f in sorted(glob.glob(os.path.join(rules_dir, "*.yaml")) +
                    glob.glob(os.path.join(rules_dir, "*.md"))):
        text = open(f, encoding="utf-8").read()
        hints = os.path.basename(f) == "hints.yaml"
        for n in re.findall(r"(?m)^\s*-?\s*api:\s*(" + name_re[3:] + ")",
                            text):
            tiers[n] = min(tiers.get(n, 9), 2 if hints else 0)
        for n in re.findall(name_re, text):
            tiers[n] = min(tiers.get(n, 9), 2 if hints else 1)

    goldens = read_v1_goldens(gitdir, commit)
    unlisted = []
    rows = []
    for modname in sorted(modules):
        if modname.endswith("_test") or ".kernel_tests." in modname:
            continue  # tests: no user code imports from them
        m = modules[modname]
        syms = set(m.bindings)
        for _, src in m.stars:
            base = src.rsplit(".", 1)[-1]
            if is_generated(src) and base in op_modules:
                syms |= op_modules[base]
            s = modules.get(absolute(m.name, m.is_pkg, src))
            if s is not None:
                syms |= public_names(s)
        for sym in sorted(syms):
            lists = resolve(modname, sym)
            if not lists:
                continue
            v1 = sorted({n for l in lists for n in l})
            if any(len(l) == 0 for l in lists) and not v1:
                continue  # v2-only
            if not v1:
                continue
            # The API goldens are the second witness: a name they do not
            # list is not (or not reliably) public v1 API.
            cands = ["tf." + n for n in v1 if "tf." + n in goldens]
            if not cands:
                unlisted.append((modname, sym, v1))
                continue
            pick = min(cands, key=lambda c: (tiers.get(c, 9), len(c), c))
            internal = "tf" + modname[len("tensorflow"):] + "." + sym
            rows.append((internal, pick))

    rows.sort()  # byte order: src/util/apiname.c searches it
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# Internal TensorFlow 1.15 paths and the public v1 name of "
                  "the same object.\n")
        out.write("# Generated by tools/extract_tf_exports.py from the "
                  "tf_export/keras_export annotations of\n")
        out.write("# tensorflow/python/ and core/api_def, checked against "
                  "tools/api/golden/v1, at\n")
        out.write("# tensorflow/tensorflow tag v1.15.5, commit %s.\n"
                  % commit)
        out.write("# Do not edit; rerun the script. %d rows.\n" % len(rows))
        for internal, public in rows:
            out.write("%s\t%s\n" % (internal, public))
    if skipped:
        sys.stderr.write("not parsed (python 2 syntax): %d files: %s\n" %
                         (len(skipped), " ".join(skipped[:10])))
    sys.stderr.write("%d modules, %d rows; %d exports not in the v1 API "
                     "goldens, left out\n" % (len(modules), len(rows),
                                              len(unlisted)))
    for modname, sym, v1 in unlisted:
        sys.stderr.write("  %s.%s %s\n" % (modname, sym, v1))


if __name__ == "__main__":
    main()

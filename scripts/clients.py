#!/usr/bin/env python3
"""Generate the clients of every API version from its committed schema (`make clients`), into build/clients/.

For each `openapi/vN.yaml`:
  build/clients/python/vN/        a Python client (openapi-python-client), package `hipcontent_vN`;
                                  `pip install build/clients/python/vN` installs it
  build/clients/typescript/vN.ts  TypeScript types (openapi-typescript)
  build/clients/orval/vN/         a TypeScript fetch client (orval), client.ts
  build/clients/hey-api/vN/       a TypeScript fetch client (@hey-api/openapi-ts), index.ts
then type-checks the committed examples in clients/typescript/ against those types with `tsc --noEmit`, and
the two generated clients with `tsc --strict`.

Generated code is build output, never committed. A warning from any generator fails the run: it means
part of our schema does not reach the client, which is a bug in the schema.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OPENAPI = ROOT / "openapi"
BUILD = ROOT / "build" / "clients"
EXAMPLES = ROOT / "clients" / "typescript"
NODE_BIN = ROOT / "node_modules" / ".bin"
# The generator runs ruff on its output, from PATH: the project's own ruff, beside this interpreter.
VENV_BIN = Path(sys.executable).parent


class GenerationError(Exception):
    pass


def versions():
    return sorted(path.stem for path in OPENAPI.glob("v*.yaml"))


def _run(command, **kwargs):
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False, **kwargs)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise GenerationError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n{output}")
    return output


def python_client(version, out, schema=None):
    """Generate the Python client of `version` into `out`; its package is `hipcontent_<version>`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json") as config:
        names = {"project_name_override": f"hipcontent-{version}-client"}
        json.dump({**names, "package_name_override": f"hipcontent_{version}"}, config)
        config.flush()
        output = _run(
            [
                VENV_BIN / "openapi-python-client", "generate",
                "--path", schema or OPENAPI / f"{version}.yaml",
                "--output-path", out, "--meta", "setup", "--config", config.name,
                "--overwrite", "--fail-on-warning",
            ]
        )  # fmt: skip
    # --fail-on-warning exits non-zero on schema warnings; this also catches the ones it only prints.
    if "warning" in output.lower():
        raise GenerationError(f"openapi-python-client warned about openapi/{version}.yaml:\n{output}")
    return Path(out) / f"hipcontent_{version}"


def typescript_types(version, out, schema=None):
    """Write the TypeScript types of `version` to `out` (a .ts file)."""
    # Run beside the output: openapi-typescript lints with a redocly.yaml in its working directory, and would
    # take the APIs the project's (make check's lint configuration) lists instead of the one asked for.
    schema, out = Path(schema or OPENAPI / f"{version}.yaml").resolve(), Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    output = _run([NODE_BIN / "openapi-typescript", schema, "--output", out], cwd=out.parent)
    if "warn" in output.lower():
        raise GenerationError(f"openapi-typescript warned about openapi/{version}.yaml:\n{output}")
    return Path(out)


def _node_generator(tool, version, command, out):
    """Run a Node generator in `out` (so no config file of ours or the caller's is picked up). It fails on
    an error, on anything it prints to stderr (where both write their warnings) and on any warning."""
    Path(out).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=out, check=False)
    output = result.stdout + result.stderr
    if result.returncode != 0 or result.stderr.strip() or "warn" in output.lower():
        raise GenerationError(
            f"{tool} failed or warned on openapi/{version}.yaml ({result.returncode}):\n{output}"
        )
    return Path(out)


def orval_client(version, out, schema=None):
    """Generate the orval fetch client of `version` into the folder `out` (client.ts)."""
    schema = Path(schema or OPENAPI / f"{version}.yaml").resolve()
    command = [
        NODE_BIN / "orval", "--input", schema, "--output", Path(out).resolve() / "client.ts",
        "--client", "fetch", "--fail-on-warnings",
    ]  # fmt: skip
    return _node_generator("orval", version, command, out)


def heyapi_client(version, out, schema=None):
    """Generate the @hey-api/openapi-ts fetch client of `version` into the folder `out` (index.ts)."""
    # An absolute path: a relative one like openapi/v1.yaml reads as "organization/project" on Hey API's
    # online registry.
    schema = Path(schema or OPENAPI / f"{version}.yaml").resolve()
    command = [
        NODE_BIN / "openapi-ts", "--input", schema, "--output", Path(out).resolve(),
        "--client", "@hey-api/client-fetch", "--no-log-file",
    ]  # fmt: skip
    return _node_generator("@hey-api/openapi-ts", version, command, out)


# How the generated clients are type-checked: --strict, and index access that may miss, as the examples are
# (not exactOptionalPropertyTypes, which @hey-api's own runtime code, the same for any schema, fails).
# DOM.Iterable: that runtime iterates URLSearchParams. CommonJS so that node can run what tsc emits (the
# generated imports carry no file extensions).
GENERATED_COMPILER_OPTIONS = {
    "target": "ES2022",
    "module": "CommonJS",
    "moduleResolution": "Node10",
    "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "strict": True,
    "noUncheckedIndexedAccess": True,
    "skipLibCheck": True,
    "types": [],
}


def typecheck_generated(root, out_dir=None):
    """`tsc --strict` on every .ts file under `root` (generated clients and code beside them); with
    `out_dir`, tsc also writes the JavaScript there, else nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        tsconfig = Path(tmp) / "tsconfig.json"
        root = Path(root).resolve()
        emit = {"outDir": str(Path(out_dir).resolve()), "rootDir": str(root)} if out_dir else {"noEmit": True}
        options = {**GENERATED_COMPILER_OPTIONS, **emit}
        tsconfig.write_text(json.dumps({"compilerOptions": options, "include": [f"{root}/**/*.ts"]}))
        return _run([NODE_BIN / "tsc", "--project", tsconfig])


def typecheck(types_dir, examples=EXAMPLES):
    """`tsc --noEmit` on the committed examples, with `hipcontent-api/vN` resolved in `types_dir`."""
    with tempfile.TemporaryDirectory() as tmp:
        tsconfig = Path(tmp) / "tsconfig.json"
        tsconfig.write_text(
            json.dumps(
                {
                    "extends": str(examples / "tsconfig.json"),
                    "compilerOptions": {"paths": {"hipcontent-api/*": [f"{Path(types_dir).resolve()}/*"]}},
                    "include": [str(examples / "*.ts")],
                }
            )
        )
        return _run([NODE_BIN / "tsc", "--noEmit", "--project", tsconfig])


def main():
    if not (NODE_BIN / "openapi-typescript").exists():
        sys.exit("node_modules is missing: run `npm install` (make clients does).")
    for version in versions():
        client = python_client(version, BUILD / "python" / version)
        types = typescript_types(version, BUILD / "typescript" / f"{version}.ts")
        orval = orval_client(version, BUILD / "orval" / version)
        heyapi = heyapi_client(version, BUILD / "hey-api" / version)
        built = ", ".join(str(path.relative_to(ROOT)) for path in (client, types, orval, heyapi))
        print(f"{version}: {built}")
    typecheck(BUILD / "typescript")
    print(f"tsc: {', '.join(sorted(p.name for p in EXAMPLES.glob('*.ts')))} type-check")
    for generator in ("orval", "hey-api"):
        typecheck_generated(BUILD / generator)
        print(f"tsc --strict: build/clients/{generator}/ type-checks")


if __name__ == "__main__":
    try:
        main()
    except GenerationError as error:
        sys.exit(str(error))

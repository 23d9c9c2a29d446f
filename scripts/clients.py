#!/usr/bin/env python3
"""Generate the clients of every API version from its committed schema (`make clients`), into build/clients/.

For each `openapi/vN.yaml`:
  build/clients/python/vN/        a Python client (openapi-python-client), package `hipcontent_vN`;
                                  `pip install build/clients/python/vN` installs it
  build/clients/typescript/vN.ts  TypeScript types (openapi-typescript)
then type-checks the committed examples in clients/typescript/ against those types with `tsc --noEmit`.

Generated code is build output, never committed. A warning from either generator fails the run: it means
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
    output = _run([NODE_BIN / "openapi-typescript", schema or OPENAPI / f"{version}.yaml", "--output", out])
    if "warn" in output.lower():
        raise GenerationError(f"openapi-typescript warned about openapi/{version}.yaml:\n{output}")
    return Path(out)


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
        print(f"{version}: {client.relative_to(ROOT)}, {types.relative_to(ROOT)}")
    typecheck(BUILD / "typescript")
    print(f"tsc: {', '.join(sorted(p.name for p in EXAMPLES.glob('*.ts')))} type-check")


if __name__ == "__main__":
    try:
        main()
    except GenerationError as error:
        sys.exit(str(error))

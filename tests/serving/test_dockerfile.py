"""Without a Docker engine here, the image is checked against docs/serving.md: the Dockerfile
runs its production steps, in the same order, in a multi-stage, non-root build."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def readme_production_steps():
    readme = (ROOT / "docs" / "serving.md").read_text()
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def dockerfile_commands():
    """RUN and CMD instructions in order, continuation lines joined."""
    text = DOCKERFILE.replace("\\\n", " ")
    commands = []
    for line in text.splitlines():
        if line.startswith(("RUN ", "CMD ", "HEALTHCHECK ")):
            commands.append(re.sub(r"\s+", " ", line))
    return " ".join(commands)


def test_readme_has_production_steps():
    steps = readme_production_steps()
    assert steps[0] == "pip install --require-hashes -r requirements.lock"
    assert steps[1] == "pip install --no-deps --no-build-isolation ."
    assert steps[-1] == "gunicorn --config gunicorn.conf.py integration_site.wsgi"


def test_dockerfile_runs_the_readme_steps_in_order():
    commands = dockerfile_commands()
    position = 0
    for step in readme_production_steps():
        found = commands.find(step, position)
        assert found >= 0, f"docs/serving.md step not in the Dockerfile (in order): {step}"
        position = found + len(step)


def test_build_stage_compiles_messages_and_collects_static_files():
    build, runtime = DOCKERFILE.split("\nFROM ", 2)[1:]
    assert build.startswith("python:3.11-slim AS build")
    assert "manage.py compilemessages" in build
    assert "manage.py collectstatic --noinput" in build
    assert runtime.startswith("python:3.11-slim AS runtime")
    assert "COPY --from=build" in runtime
    assert "apt-get" not in runtime


def test_runtime_runs_gunicorn_as_a_non_root_user_with_a_healthcheck():
    runtime = DOCKERFILE.split("AS runtime", 1)[1]
    assert re.search(r"^USER (?!root)\w+", runtime, re.MULTILINE)
    assert "HEALTHCHECK" in runtime
    assert "/healthz" in runtime.split("HEALTHCHECK", 1)[1]
    assert "exec gunicorn --config gunicorn.conf.py" in runtime


def test_the_whole_project_is_copied():
    """New apps need no Dockerfile change."""
    assert "COPY . ./" in DOCKERFILE

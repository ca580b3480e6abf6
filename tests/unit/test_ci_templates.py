"""The CI templates keep the build cache between pipelines without letting a branch poison main's: each
branch saves under a key of its own, main's cache is only read by other branches, and the secret that
signs the cache comes from the CI's secret store, never from the file or the cache."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / ".github" / "workflows" / "site.yml"
GITLAB = ROOT / "ci-templates" / "gitlab-ci.yml"
BUILD_CACHE = ".cache/healthpress"
SECRET = "HEALTHPRESS_CACHE_SECRET"
MAIN_REF = "refs/heads/main"
BRANCH_REFS = ["refs/heads/feature", "refs/pull/12/merge", "refs/heads/MAIN", "refs/heads/main-2", "refs/heads/main/x"]


def github_steps() -> list[dict]:
    return yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]


def github_value(text: str, ref: str, run: str = "100") -> str:
    """A GitHub expression string as a run of `ref` sees it."""
    values = {"github.ref": ref, "github.run_id": run, "github.run_attempt": "1", "github.sha": "abc"}
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m.group(1)], text)


def cache_step(action: str) -> dict:
    steps = [s for s in github_steps() if s.get("uses", "").startswith(f"actions/cache/{action}@")]
    assert len(steps) == 1, f"one actions/cache/{action} step"
    assert steps[0]["with"]["path"].strip("/") == BUILD_CACHE
    return steps[0]


def test_github_saves_each_branch_under_its_own_key_never_mains():
    """Main restores only keys under its own prefix; no other ref's key is under it (a ref has no colon)."""
    save = cache_step("save")["with"]["key"]
    main_prefix = github_value(cache_step("restore")["with"]["restore-keys"].splitlines()[-1], MAIN_REF)
    assert github_value(save, MAIN_REF).startswith(main_prefix)
    for ref in BRANCH_REFS:
        assert not github_value(save, ref).startswith(main_prefix), ref
    assert len({github_value(save, ref) for ref in [MAIN_REF, *BRANCH_REFS]}) == 1 + len(BRANCH_REFS)
    assert github_value(save, MAIN_REF, "1") != github_value(save, MAIN_REF, "2"), "each run saves anew"


def test_github_restores_the_branchs_own_cache_then_mains():
    restore = cache_step("restore")["with"]
    save = cache_step("save")["with"]["key"]
    prefixes = restore["restore-keys"].splitlines()
    for ref in BRANCH_REFS:
        own, fallback = (github_value(p, ref) for p in prefixes)
        assert github_value(save, ref).startswith(own)
        assert github_value(save, MAIN_REF).startswith(fallback)
    names = [s.get("uses") or s.get("name") for s in github_steps()]
    build = next(i for i, s in enumerate(github_steps()) if "healthpress build" in s.get("run", ""))
    assert names.index(cache_step("restore")["uses"]) < build < names.index(cache_step("save")["uses"])


def test_github_passes_the_secret_from_the_secret_store():
    job = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))["jobs"]["build"]
    assert job["env"][SECRET] == "${{ secrets.HEALTHPRESS_CACHE_SECRET }}"
    assert not any(SECRET in str(step.get("with", {})) for step in job["steps"]), "never in a cached path or key"


def gitlab_check() -> dict:
    return yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["check"]


def gitlab_rule(rules: list[dict], pipeline: dict[str, str]) -> dict | None:
    """The first of `rules` (each `if: $A == $B` or `$A == "text"`) a pipeline with these variables matches."""
    for rule in rules:
        match = re.fullmatch(r'\$(\w+) == (?:\$(\w+)|"([^"]*)")', rule["if"])
        left, right = pipeline.get(match.group(1)), pipeline.get(match.group(2)) if match.group(2) else match.group(3)
        if left is not None and left == right:
            return rule
    return None


def gitlab_variables(pipeline: dict[str, str]) -> dict[str, str] | None:
    """The check job's variables in a pipeline with these predefined variables (None: the job does not run)."""
    job = gitlab_check()
    rule = gitlab_rule(job["rules"], pipeline)
    return {**job.get("variables", {}), **rule.get("variables", {})} if rule is not None else None


def gitlab_build_cache() -> dict:
    caches = [c for c in gitlab_check()["cache"] if BUILD_CACHE in [p.strip("/") for p in c["paths"]]]
    assert len(caches) == 1
    return caches[0]


MAIN_PIPELINE = {"CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main", "CI_COMMIT_REF_SLUG": "main",
                 "CI_PIPELINE_SOURCE": "push"}
MR_PIPELINES = [{"CI_DEFAULT_BRANCH": "main", "CI_COMMIT_REF_SLUG": slug, "CI_PIPELINE_SOURCE": "merge_request_event"}
                for slug in ("feature", "main")]


def gitlab_value(text: str, pipeline: dict[str, str], variables: dict[str, str]) -> str:
    return re.sub(r"\$(\w+)", lambda m: {**pipeline, **variables}[m.group(1)], text)


def test_gitlab_keys_the_build_cache_by_branch_with_mains_as_fallback():
    cache = gitlab_build_cache()
    assert "$CI_COMMIT_REF_SLUG" in cache["key"]
    feature = gitlab_value(cache["key"], MR_PIPELINES[0], {})
    assert feature != gitlab_value(cache["key"], MAIN_PIPELINE, {})
    assert gitlab_value(cache["fallback_keys"][0], MR_PIPELINES[0], {}) == gitlab_value(cache["key"], MAIN_PIPELINE, {})


@pytest.mark.parametrize("pipeline", MR_PIPELINES, ids=["feature", "a branch whose slug is main"])
def test_gitlab_merge_requests_only_read_the_build_cache(pipeline):
    variables = gitlab_variables(pipeline)
    assert variables is not None, "the check job runs for merge requests"
    assert gitlab_value(gitlab_build_cache()["policy"], pipeline, variables) == "pull"


def test_gitlab_main_reads_and_writes_the_build_cache():
    variables = gitlab_variables(MAIN_PIPELINE)
    assert gitlab_value(gitlab_build_cache()["policy"], MAIN_PIPELINE, variables) == "pull-push"


def test_gitlab_takes_the_secret_from_a_masked_variable_not_the_file():
    """GitLab hands a project's CI/CD variables to every job: the file must not set one (a value written here
    would be in the repository), and it says where to add it (masked, protected)."""
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert SECRET not in str(data), "the secret is not set in the file"
    text = GITLAB.read_text(encoding="utf-8")
    assert SECRET in text and "Masked" in text and "Protected" in text


# ---- the hourly rebuild: scheduled publication and expiry, national mourning days (data/mourning.yml) ----

def github_condition(expression: str, event: str, ref: str) -> bool:
    """A step's or job's `if:` made of `github.event_name` or `github.ref` compared with quoted text, joined by &&."""
    values = {"github.event_name": event, "github.ref": ref}
    holds = True
    for clause in expression.split("&&"):
        match = re.fullmatch(r"\s*(github\.\w+) (==|!=) '([^']*)'\s*", clause)
        assert match, f"not understood here: {clause!r}"
        holds = holds and (values[match.group(1)] == match.group(3)) == (match.group(2) == "==")
    return holds


def test_github_rebuilds_and_publishes_every_hour_and_on_demand():
    """The mourning day starts and ends, scheduled articles go up and expired ones down, with no one
    committing: an hourly schedule on main that builds and deploys; and a run by hand for a time to the minute."""
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    [schedule] = triggers["schedule"]
    minute, *rest = schedule["cron"].split()
    assert minute.isdigit() and rest == ["*", "*", "*", "*"], "every hour"
    assert "workflow_dispatch" in triggers
    deploy = workflow["jobs"]["deploy"]
    for event in ("schedule", "workflow_dispatch"):
        assert github_condition(deploy["if"], event, MAIN_REF), event
        assert not any(github_condition(step["if"], event, MAIN_REF) for step in github_steps()
                       if "github.event_name == 'pull_request'" in step.get("if", "")), event
    assert not github_condition(deploy["if"], "pull_request", "refs/pull/12/merge")


def test_gitlab_scheduled_pipelines_on_main_build_from_the_cache_and_publish():
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    scheduled = {**MAIN_PIPELINE, "CI_PIPELINE_SOURCE": "schedule"}
    assert gitlab_rule(data["workflow"]["rules"], scheduled) is not None, "the pipeline runs"
    assert gitlab_value(gitlab_build_cache()["policy"], scheduled, gitlab_variables(scheduled)) == "pull-push"
    assert gitlab_rule(data["pages"]["rules"], scheduled) is not None, "the site is published"
    assert "流水线计划" in GITLAB.read_text(encoding="utf-8")


def test_both_templates_fetch_the_whole_history_and_run_the_compliance_check_after_the_build():
    """check --compliance dates each article's first commit (checks/backdating.py): a shallow clone, the
    default of both CIs, could only say it cannot tell."""
    [checkout] = [s for s in github_steps() if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0
    steps = [s.get("run", "") for s in github_steps()]
    build = next(i for i, run in enumerate(steps) if "healthpress build" in run)
    assert any("healthpress check --compliance" in run for run in steps[build + 1:])
    for pipeline in ({"CI_PIPELINE_SOURCE": "merge_request_event"}, {"CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main"}):
        assert gitlab_variables(pipeline)["GIT_DEPTH"] == 0
    script = gitlab_check()["script"]
    assert any("healthpress check --compliance" in line for line in script[script.index("healthpress build --strict"):])
    readme = (ROOT / "ci-templates" / "README.md").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in readme and "GIT_DEPTH: 0" in readme and "倒签" in readme

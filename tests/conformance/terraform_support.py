"""Running the real terraform CLI with the hashicorp/aws provider from the
machine's local mirror against `cloudemu serve`: one TerraformWorkdir per
test, holding a copy of a configuration under terraform/<name>/, offline
(filesystem mirror only) and isolated from the user's TF_*/AWS_* settings."""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

import conformance_support as support

CONFIG_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "terraform")
# Where machine images and users put provider mirrors; TF_PROVIDER_MIRROR wins.
MIRROR_CANDIDATES = ["/opt/tf-plugins", "~/.terraform.d/plugins", "~/.local/share/terraform/plugins",
                     "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins"]
SEARCH_ROOTS = ["/opt", "/usr/local", "/usr/share", "~"]


def is_mirror(path):
  pattern = os.path.join(path, "registry.terraform.io", "hashicorp", "aws", "*", "*", "terraform-provider-aws*")
  return bool(glob.glob(pattern))


def find_provider_mirror():
  explicit = os.environ.get("TF_PROVIDER_MIRROR")
  candidates = ([explicit] if explicit else []) + [os.path.expanduser(p) for p in MIRROR_CANDIDATES]
  for candidate in candidates:
    if is_mirror(candidate):
      return candidate
  for root in SEARCH_ROOTS:
    for directory, subdirs, files in os.walk(os.path.expanduser(root)):
      if directory.count(os.sep) > 8:
        subdirs[:] = []
        continue
      if any(name.startswith("terraform-provider-aws") for name in files):
        # <mirror>/registry.terraform.io/hashicorp/aws/<version>/<platform>/terraform-provider-aws_*
        candidate = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(directory)))))
        if is_mirror(candidate):
          return candidate
  return None


def require_terraform():
  """Returns (terraform binary, provider mirror) or skips the calling suite;
  call from setUpModule."""
  terraform = support.require_program("terraform")
  mirror = find_provider_mirror()
  if not mirror:
    support.skip_suite("no hashicorp/aws provider mirror on this machine")
  return terraform, mirror


class TerraformWorkdir:
  """A temporary copy of terraform/<config>/ (its *.tf files and lock file).
  run() passes `endpoint` and the given variables to every command but init
  and fails the test on an unexpected exit code."""

  def __init__(self, testcase, terraform, mirror, config, endpoint):
    self.testcase = testcase
    self.terraform = terraform
    self.endpoint = endpoint
    self.path = tempfile.mkdtemp(prefix=f"cloudemu-tf-{config}-")
    source = os.path.join(CONFIG_ROOT, config)
    for name in os.listdir(source):
      if name.endswith(".tf") or name == ".terraform.lock.hcl":
        shutil.copy(os.path.join(source, name), self.path)
    rc_path = os.path.join(self.path, "terraformrc")
    with open(rc_path, "w") as handle:
      handle.write(f"""provider_installation {{
  filesystem_mirror {{
    path    = "{mirror}"
    include = ["hashicorp/*"]
  }}
  direct {{
    exclude = ["hashicorp/*"]
  }}
}}
disable_checkpoint = true
""")
    self.env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "AWS_"))}
    self.env.update({"TF_CLI_CONFIG_FILE": rc_path, "TF_IN_AUTOMATION": "1", "TF_INPUT": "0",
                     "CHECKPOINT_DISABLE": "1"})

  def remove(self):
    shutil.rmtree(self.path, ignore_errors=True)

  def run(self, *args, variables=None, expect=(0,)):
    command = [self.terraform, *args, "-no-color", "-input=false"]
    if args[0] != "init":
      command += ["-var", f"endpoint={self.endpoint}"]
      for name, value in (variables or {}).items():
        command += ["-var", f"{name}={value}"]
    started = time.monotonic()
    result = subprocess.run(command, cwd=self.path, env=self.env, capture_output=True, text=True, timeout=600)
    print(f"terraform {args[0]}: exit {result.returncode} in {time.monotonic() - started:.1f} s",
          file=sys.stderr, flush=True)
    if result.returncode not in expect:
      self.testcase.fail(f"terraform {' '.join(args)} exited {result.returncode} (wanted {expect})\n"
                         f"--- stdout\n{result.stdout[-6000:]}\n--- stderr\n{result.stderr[-6000:]}")
    return result

  def init(self):
    result = self.run("init")
    self.testcase.assertIn("Terraform has been successfully initialized", result.stdout)

  def apply(self, variables=None):
    return self.run("apply", "-auto-approve", variables=variables)

  def assert_no_changes(self, variables=None, when="after apply"):
    plan = self.run("plan", "-detailed-exitcode", variables=variables, expect=(0, 2))
    self.testcase.assertEqual(plan.returncode, 0, f"the plan {when} must be empty:\n{plan.stdout[-4000:]}")

  def destroy(self, variables=None):
    return self.run("destroy", "-auto-approve", variables=variables)

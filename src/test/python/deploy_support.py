"""Helpers of the deployment tests: render the kustomize overlays and resolve the Quarkus
configuration of each role the way the pods get it."""

import functools
import pathlib
import re
import shutil
import subprocess

import yaml

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]
OVERLAYS = ("dev", "gpu")
ROLES = ("gateway", "captioner", "worker")

# Working directory of each image, where Quarkus looks for config/.
WORKER_WORKDIR = "/deployments"
LIGHT_WORKDIR = "/work"

_EXPRESSION = re.compile(r"\$\{([^}:]+)(?::([^}]*))?\}")


@functools.lru_cache(maxsize=None)
def render(overlay):
    """Return the objects of `kubectl kustomize k8s/overlays/<overlay>` as a list of dicts."""
    kubectl = shutil.which("kubectl")
    assert kubectl, "kubectl is required to render k8s/overlays (kubectl 1.27+ with kustomize v5)"
    result = subprocess.run(
        [kubectl, "kustomize", str(REPO_ROOT / "k8s" / "overlays" / overlay)],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, f"kubectl kustomize {overlay} failed:\n{result.stderr}"
    return [document for document in yaml.safe_load_all(result.stdout) if document]


def find(objects, kind, name=None):
    """Return the objects of a kind (and name), in rendering order."""
    return [o for o in objects
            if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]


def the(objects, kind, name):
    """Return the single object of that kind and name. Fail unless exactly one exists."""
    matches = find(objects, kind, name)
    assert len(matches) == 1, f"expected one {kind} {name}, found {len(matches)}"
    return matches[0]


def container(deployment):
    """Return the only container of a Deployment's pod template."""
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1, f"{deployment['metadata']['name']} has {len(containers)} containers"
    return containers[0]


def env_map(deployment):
    """Return the container's environment as {name: value or valueFrom}."""
    return {entry["name"]: entry.get("value", entry.get("valueFrom"))
            for entry in container(deployment).get("env", [])}


def load_topics():
    """Return kafka/topics.yaml as a dict."""
    return yaml.safe_load((REPO_ROOT / "kafka" / "topics.yaml").read_text(encoding="utf-8"))


def parse_properties(text):
    """Parse Java properties text into a dict (the subset this project uses: key=value lines,
    '#' and '!' comments, and backslash line continuations)."""
    properties = {}
    logical_line = ""
    for raw_line in text.splitlines():
        line = raw_line.strip() if not logical_line else raw_line.lstrip()
        if not logical_line and (not line or line[0] in "#!"):
            continue
        if line.endswith("\\") and not line.endswith("\\\\"):
            logical_line += line[:-1]
            continue
        logical_line += line
        key, _, value = logical_line.partition("=")
        properties[key.strip()] = value.strip()
        logical_line = ""
    return properties


def documented_keys(text):
    """Return every key set or shown commented out ('#key=value') in a properties file."""
    keys = set()
    for line in text.splitlines():
        match = re.match(r'^\s*#?\s*([a-z][a-z0-9."\-]*)\s*=', line)
        if match:
            keys.add(match.group(1))
    return keys


def read_properties(path):
    """Parse a properties file, or return {} when it does not exist."""
    return parse_properties(path.read_text(encoding="utf-8")) if path.exists() else {}


def resolve_config(profiles, config_files, environment=None):
    """Resolve the configuration that a process reads.

    Follows Quarkus' order, lowest priority first: the packaged application.properties
    (src/main/resources), then the config/ directory's application.properties and
    application-<profile>.properties for each active profile (a later profile wins), then
    environment variables. In each file a '%profile.key' entry of an active profile wins
    over the plain key. config_files maps a file name to its text, as in the ConfigMap."""
    layers = [read_properties(REPO_ROOT / "src" / "main" / "resources" / "application.properties")]
    layers.append(parse_properties(config_files.get("application.properties", "")))
    for profile in profiles:
        layers.append(parse_properties(config_files.get(f"application-{profile}.properties", "")))

    resolved = {}
    for layer in layers:
        for key, value in layer.items():
            if not key.startswith("%"):
                resolved[key] = value
        for profile in profiles:
            for key, value in layer.items():
                if key.startswith(f"%{profile}."):
                    resolved[key[len(profile) + 2:]] = value

    for name, value in (environment or {}).items():
        if isinstance(value, str):
            resolved[f"env:{name}"] = value
    return Config(resolved)


class Config:
    """Resolved properties with environment overrides and ${key:default} expansion."""

    def __init__(self, values):
        self._values = values

    def get(self, key, default=None):
        env_name = re.sub(r"[^A-Za-z0-9]", "_", key).upper()
        if f"env:{env_name}" in self._values:
            return self._expand(self._values[f"env:{env_name}"])
        if key in self._values:
            return self._expand(self._values[key])
        return default

    def _expand(self, value):
        def replace(match):
            found = self.get(match.group(1))
            if found is None:
                assert match.group(2) is not None, f"unresolved expression {match.group(0)}"
                return match.group(2)
            return found
        for _ in range(10):
            expanded = _EXPRESSION.sub(replace, value)
            if expanded == value:
                return expanded
            value = expanded
        raise AssertionError(f"expression nesting too deep in {value}")


def iso_duration_seconds(text):
    """Convert an ISO-8601 duration such as PT20M or PT1H30M, or a Quarkus shorthand such as
    30s, to seconds."""
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", text.upper())
    if match and text.upper() != "P":
        days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
        return days * 86400 + hours * 3600 + minutes * 60 + seconds
    shorthand = re.fullmatch(r"(\d+)(ms|s|m|h|d)", text)
    assert shorthand, f"not a duration: {text!r}"
    factor = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}[shorthand.group(2)]
    return int(shorthand.group(1)) * factor


def _kebab(name):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


@functools.lru_cache(maxsize=None)
def config_mappings():
    """Return {prefix: set of property names} of the @ConfigMapping interfaces under
    src/main/java. Property names are the kebab-case method names or their @WithName values,
    without the nesting of groups, which is enough to tell whether a key's last segment exists
    below a mapped prefix."""
    mappings = {}
    for path in (REPO_ROOT / "src" / "main" / "java").rglob("*.java"):
        text = path.read_text(encoding="utf-8")
        prefix = re.search(r'@ConfigMapping\(\s*prefix\s*=\s*"([^"]+)"', text)
        if not prefix:
            continue
        names = mappings.setdefault(prefix.group(1), set())
        for match in re.finditer(r'(?:@WithName\("([^"]+)"\)\s*)?(?:@\w+(?:\([^)]*\))?\s*)*'
                                 r'[\w<>, ?.]+\s+(\w+)\(\)\s*;', text):
            with_name, method = match.groups()
            names.add(with_name if with_name else _kebab(method))
            if with_name:
                names.update(with_name.split("."))
    return mappings


def is_mapped_key(key):
    """Tell whether a @ConfigMapping interface declares the key (approximately: a mapped
    prefix of the key and its last segment among that mapping's property names)."""
    last_segment = key.rsplit(".", 1)[-1]
    return any(key.startswith(prefix + ".") and last_segment in names
               for prefix, names in config_mappings().items())

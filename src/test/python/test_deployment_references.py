"""Cross-references between k8s/, kafka/ and the application configuration: the names and
numbers that must agree for a deployment to work (topics, consumer groups, config keys,
ports, probes, time budgets)."""

import re

import pytest

from deploy_support import (LIGHT_WORKDIR, OVERLAYS, REPO_ROOT, ROLES, WORKER_WORKDIR, config_mappings,
                            container, documented_keys, env_map, find, is_mapped_key, iso_duration_seconds,
                            load_topics, parse_properties, render, resolve_config, the)

PACKAGED_PROPERTIES = REPO_ROOT / "src" / "main" / "resources" / "application.properties"
HEALTH_PATHS = {"readinessProbe": "/q/health/ready", "livenessProbe": "/q/health/live",
                "startupProbe": "/q/health/started"}


def deployment_name(role):
    return f"vip-{role}"


def role_config_files(objects, role):
    """Return the files of the role's ConfigMap, as mounted into its pods."""
    deployment = the(objects, "Deployment", deployment_name(role))
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    config_map_name = volumes["config"]["configMap"]["name"]
    return the(objects, "ConfigMap", config_map_name)["data"]


def role_config(objects, role):
    """Resolve the configuration of a role's pod: its QUARKUS_PROFILE, ConfigMap and env."""
    deployment = the(objects, "Deployment", deployment_name(role))
    environment = env_map(deployment)
    profiles = environment["QUARKUS_PROFILE"].split(",")
    return resolve_config(profiles, role_config_files(objects, role), environment)


def incoming_channels(config_text):
    """Return {channel: {setting: value}} of the mp.messaging.incoming.* keys."""
    channels = {}
    for key, value in parse_properties(config_text).items():
        match = re.fullmatch(r"mp\.messaging\.incoming\.([^.]+)\.(.+)", key)
        if match:
            channels.setdefault(match.group(1), {})[match.group(2)] = value
    return channels


def channel_topics(config_text):
    """Return every topic named by a channel or a dead-letter queue."""
    topics = set()
    for key, value in parse_properties(config_text).items():
        if re.fullmatch(r"mp\.messaging\.(incoming|outgoing)\.[^.]+\.(topic|dead-letter-queue\.topic)", key):
            topics.add(value)
        if re.fullmatch(r"mp\.messaging\.incoming\.[^.]+\.topics", key):
            topics.update(name.strip() for name in value.split(","))
    return topics


def worker_input_channel():
    """Return (channel, settings) of the incoming channel that reads vip.outpaint.prompted."""
    channels = incoming_channels(PACKAGED_PROPERTIES.read_text(encoding="utf-8"))
    readers = [(name, settings) for name, settings in channels.items()
               if settings.get("topic") == "vip.outpaint.prompted"]
    assert len(readers) == 1, f"expected one incoming channel on vip.outpaint.prompted, got {readers}"
    return readers[0]


@pytest.fixture(params=OVERLAYS)
def overlay(request):
    return request.param


# --- kafka/topics.yaml and the KafkaTopic resources ---


def test_kafka_topics_match_topics_file(overlay):
    topics = {t["name"]: t for t in load_topics()["topics"]}
    resources = {r["spec"]["topicName"]: r for r in find(render(overlay), "KafkaTopic")}

    assert set(resources) == set(topics), "KafkaTopic resources and kafka/topics.yaml list different topics"
    for name, topic in topics.items():
        assert resources[name]["spec"]["partitions"] == topic["partitions"], f"partitions of {name}"
        for setting, value in topic.get("config", {}).items():
            assert resources[name]["spec"]["config"][setting] == value, f"{setting} of {name}"


def test_kafka_topics_belong_to_strimzi_cluster(overlay):
    cluster = load_topics()["strimziCluster"]
    for resource in find(render(overlay), "KafkaTopic"):
        assert resource["metadata"]["labels"]["strimzi.io/cluster"] == cluster, resource["metadata"]["name"]


def test_topic_replicas_fit_cluster():
    replication_factor = load_topics()["replicationFactor"]
    for resource in find(render("gpu"), "KafkaTopic"):
        assert resource["spec"]["replicas"] == replication_factor
        assert int(resource["spec"]["config"]["min.insync.replicas"]) < replication_factor
    for resource in find(render("dev"), "KafkaTopic"):
        assert resource["spec"]["replicas"] == 1, "the dev cluster has one broker"
        assert resource["spec"]["config"]["min.insync.replicas"] == "1"


def test_channel_topics_are_defined():
    defined = {t["name"] for t in load_topics()["topics"]}
    used = channel_topics(PACKAGED_PROPERTIES.read_text(encoding="utf-8"))

    assert used, "application.properties names no topic"
    assert used - defined == set(), "channels use topics missing from kafka/topics.yaml"
    assert defined - used == set(), "kafka/topics.yaml defines topics no channel uses"


# --- KEDA ScaledObject of the workers ---


def test_scaled_object_watches_worker_input(overlay):
    objects = render(overlay)
    scaled_object = the(objects, "ScaledObject", "vip-worker")
    trigger_metadata = [t for t in scaled_object["spec"]["triggers"] if t["type"] == "kafka"]
    assert len(trigger_metadata) == 1, "expected one kafka trigger"
    trigger = trigger_metadata[0]["metadata"]
    channel, settings = worker_input_channel()
    worker = role_config(objects, "worker")

    assert scaled_object["spec"]["scaleTargetRef"]["name"] == deployment_name("worker")
    assert trigger["topic"] == settings["topic"], f"trigger topic vs channel {channel}"
    assert trigger["consumerGroup"] == worker.get(f"mp.messaging.incoming.{channel}.group.id")
    assert trigger["bootstrapServers"] == worker.get("kafka.bootstrap.servers")
    assert trigger["offsetResetPolicy"] == worker.get(f"mp.messaging.incoming.{channel}.auto.offset.reset")


def test_scaling_bounds_follow_partitions(overlay):
    objects = render(overlay)
    spec = the(objects, "ScaledObject", "vip-worker")["spec"]
    trigger = spec["triggers"][0]["metadata"]
    slots = int(role_config(objects, "worker").get("vip.worker.slots", "1"))
    partitions = {t["name"]: t["partitions"] for t in load_topics()["topics"]}["vip.outpaint.prompted"]

    assert spec["minReplicaCount"] == 0, "workers must scale to zero"
    assert int(trigger["lagThreshold"]) == slots, "lagThreshold is one queued job per GPU slot"
    if overlay == "gpu":
        assert spec["maxReplicaCount"] == partitions // slots
    else:
        assert 1 <= spec["maxReplicaCount"] <= partitions // slots


def test_worker_deployment_leaves_replicas_to_keda(overlay):
    worker = the(render(overlay), "Deployment", deployment_name("worker"))
    assert "replicas" not in worker["spec"], "a fixed replica count would fight the KEDA autoscaler"


# --- Roles, profiles, ports and probes ---


@pytest.mark.parametrize("role", ROLES)
def test_role_profile_selects_role(overlay, role):
    objects = render(overlay)
    deployment = the(objects, "Deployment", deployment_name(role))
    files = role_config_files(objects, role)

    assert env_map(deployment)["QUARKUS_PROFILE"] == f"prod,kubernetes,{role}"
    assert set(files) == {"application.properties", "application-kubernetes.properties",
                          f"application-{role}.properties"}
    assert role_config(objects, role).get("vip.roles") == role


@pytest.mark.parametrize("role", ROLES)
def test_ports_and_probes_match_http_port(overlay, role):
    objects = render(overlay)
    deployment = the(objects, "Deployment", deployment_name(role))
    main = container(deployment)
    port = int(role_config(objects, role).get("quarkus.http.port", "8080"))
    ports = {p["name"]: p["containerPort"] for p in main["ports"]}

    assert ports == {"http": port}
    for probe, path in HEALTH_PATHS.items():
        assert main[probe]["httpGet"] == {"path": path, "port": "http"}, f"{role} {probe}"
    assert deployment["spec"]["template"]["metadata"]["annotations"]["prometheus.io/port"] == str(port)


def test_gateway_service_targets_http_port(overlay):
    objects = render(overlay)
    service = the(objects, "Service", "vip-gateway")
    gateway = the(objects, "Deployment", "vip-gateway")

    assert service["spec"]["ports"][0]["targetPort"] == "http"
    for key, value in service["spec"]["selector"].items():
        assert gateway["spec"]["template"]["metadata"]["labels"][key] == value


@pytest.mark.parametrize("role", ROLES)
def test_config_mounted_in_working_directory(overlay, role):
    main = container(the(render(overlay), "Deployment", deployment_name(role)))
    workdir = WORKER_WORKDIR if role == "worker" else LIGHT_WORKDIR
    mounts = {m["name"]: m["mountPath"] for m in main["volumeMounts"]}
    assert mounts["config"] == f"{workdir}/config"


def test_pod_disruption_budgets_select_deployments(overlay):
    objects = render(overlay)
    pod_labels = [d["spec"]["template"]["metadata"]["labels"] for d in find(objects, "Deployment")]
    for budget in find(objects, "PodDisruptionBudget"):
        selector = budget["spec"]["selector"]["matchLabels"]
        matching = [labels for labels in pod_labels if selector.items() <= labels.items()]
        assert len(matching) == 1, f"PodDisruptionBudget {budget['metadata']['name']} selects {len(matching)} Deployments"


# --- Configuration keys and secrets ---


def known_config_keys():
    """Keys that the packaged application.properties or config/ sets or documents."""
    keys = documented_keys(PACKAGED_PROPERTIES.read_text(encoding="utf-8"))
    for path in (REPO_ROOT / "config").glob("*.properties"):
        keys |= documented_keys(path.read_text(encoding="utf-8"))
    return keys


def env_name(key):
    """Environment variable that overrides a key (MicroProfile Config's mapping)."""
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def test_environment_variables_name_known_keys(overlay):
    known = {env_name(key) for key in known_config_keys()}
    # Read by DJL, Quarkus and MinIO themselves, not by the application's configuration.
    external = {"QUARKUS_PROFILE", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR",
                "DJL_OFFLINE", "DJL_CACHE_DIR", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"}
    mapped = {}
    for prefix, names in config_mappings().items():
        mapped[env_name(prefix) + "_"] = {env_name(name) for name in names}
    for deployment in find(render(overlay), "Deployment"):
        for name in env_map(deployment):
            declared = any(name.startswith(prefix) and any(name.endswith("_" + n) for n in names)
                           for prefix, names in mapped.items())
            assert name in known | external or declared, (
                f"{deployment['metadata']['name']}: {name} matches no configuration key")


def test_config_files_set_known_keys():
    packaged = documented_keys(PACKAGED_PROPERTIES.read_text(encoding="utf-8"))
    for path in sorted((REPO_ROOT / "config").glob("application-*.properties")):
        for key in parse_properties(path.read_text(encoding="utf-8")):
            if key.startswith("vip."):
                assert key in packaged or is_mapped_key(key), (
                    f"{path.name}: {key} is declared by no @ConfigMapping and not in application.properties")


def test_secret_references_exist_or_are_documented(overlay):
    objects = render(overlay)
    generated = {s["metadata"]["name"] for s in find(objects, "Secret")}
    base_readme = (REPO_ROOT / "k8s" / "base" / "kustomization.yaml").read_text(encoding="utf-8")
    for deployment in find(objects, "Deployment"):
        for value in env_map(deployment).values():
            if isinstance(value, dict) and "secretKeyRef" in value:
                reference = value["secretKeyRef"]
                name = reference["name"]
                assert name in generated or name in base_readme, (
                    f"{deployment['metadata']['name']} reads Secret {name}, which is neither generated "
                    f"nor listed in k8s/base/kustomization.yaml")
                assert reference["key"] in base_readme or name in generated, f"key {reference['key']} of {name}"


# --- Worker: GPU placement, model bundles and time budgets ---


def test_gpu_worker_placement():
    worker = the(render("gpu"), "Deployment", "vip-worker")
    spec = worker["spec"]["template"]["spec"]
    main = container(worker)

    assert main["resources"]["limits"]["nvidia.com/gpu"] == 1
    assert spec["nodeSelector"] == {"nvidia.com/gpu.present": "true"}
    assert {"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"} in spec["tolerations"]
    environment = env_map(worker)
    assert {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR"} <= set(environment)
    mounts = {m["name"]: m for m in main["volumeMounts"]}
    volumes = {v["name"]: v for v in spec["volumes"]}
    assert mounts["model-bundles"]["readOnly"] is True
    claim = volumes["model-bundles"]["persistentVolumeClaim"]["claimName"]
    the(render("gpu"), "PersistentVolumeClaim", claim)
    assert environment["VIP_MODEL_DEVICE"] == "gpu"
    assert environment["VIP_MODEL_BUNDLE"].startswith(mounts["model-bundles"]["mountPath"] + "/"), (
        "the bundle must lie on the model bundle volume")


def test_dev_worker_runs_on_cpu():
    worker = the(render("dev"), "Deployment", "vip-worker")
    spec = worker["spec"]["template"]["spec"]
    assert "nvidia.com/gpu" not in container(worker)["resources"].get("limits", {})
    assert not spec.get("tolerations")
    assert not spec.get("nodeSelector")
    assert not {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "VIP_MODEL_DEVICE"} & set(env_map(worker))


def test_worker_grace_period_covers_longest_job(overlay):
    objects = render(overlay)
    worker = the(objects, "Deployment", "vip-worker")
    config = role_config(objects, "worker")
    channel, _ = worker_input_channel()
    grace_seconds = worker["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    job_seconds = iso_duration_seconds(config.get("vip.worker.job-timeout", "PT20M"))
    drain_seconds = iso_duration_seconds(config.get("vip.worker.drain-timeout", "PT5M"))
    stuck_millis = int(config.get(f"mp.messaging.incoming.{channel}.throttled.unprocessed-record-max-age.ms"))

    assert drain_seconds > job_seconds, "a draining worker must be able to finish a job it just started"
    assert grace_seconds > drain_seconds, "Kubernetes would kill the worker before its drain ends"
    assert stuck_millis / 1000 > job_seconds, "the connector would report a running job as stuck"
    assert container(worker)["lifecycle"]["preStop"]["exec"]["command"] == ["/deployments/bin/worker-drain.sh"]


def test_gateway_shutdown_fits_grace_period(overlay):
    objects = render(overlay)
    gateway = the(objects, "Deployment", "vip-gateway")
    grace_seconds = gateway["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    shutdown_seconds = iso_duration_seconds(role_config(objects, "gateway").get("quarkus.shutdown.timeout"))
    assert shutdown_seconds < grace_seconds


def test_drain_hook_targets_worker_endpoint(overlay):
    objects = render(overlay)
    script = (REPO_ROOT / "src" / "main" / "docker" / "worker-drain.sh").read_text(encoding="utf-8")
    default_url = re.search(r'url="\$\{VIP_DRAIN_URL:-http://127\.0\.0\.1:(\d+)(/[^}"]*)\}"', script)
    assert default_url, "worker-drain.sh must default VIP_DRAIN_URL to a loopback URL"
    port, path = int(default_url.group(1)), default_url.group(2)

    assert port == int(role_config(objects, "worker").get("quarkus.http.port", "8080"))
    resources = [p for p in (REPO_ROOT / "src" / "main" / "java").rglob("*.java")
                 if f'@Path("{path}")' in p.read_text(encoding="utf-8")]
    assert resources, f"no JAX-RS resource serves {path}"

// Validates rendered Kubernetes manifests offline against the schemas of the Kubernetes API,
// KEDA and Strimzi.
//
//   node scripts/k8s-validate/validate.mjs FILE...
//
// Each FILE is multi-document YAML, such as the output of `kubectl kustomize`. Every object
// must match a known schema. An object whose apiVersion and kind have no schema here is an
// error, so a new kind cannot slip through unchecked. Exit status: 0 when every object is
// valid, 1 when any is not, 2 on a usage or read error.
//
// Schemas and what they check:
//   - Kubernetes API kinds: the validators generated from the Kubernetes OpenAPI document by
//     the npm package kubernetes-models (types, required fields, enums, formats).
//   - KEDA ScaledObject and TriggerAuthentication: @kubernetes-models/keda, generated from
//     KEDA's CustomResourceDefinitions.
//   - Strimzi KafkaTopic: the CRD's openAPIV3Schema vendored in schemas/, checked with Ajv.
//     Unknown fields are errors there, as the API server's pruning would silently drop them.
// NOTE: the kubernetes-models validators accept unknown fields, so a misspelled optional
// field of a Kubernetes or KEDA object passes; the cross-reference tests check the fields
// the deployment depends on by value.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import Ajv from "ajv";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { ObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), "schemas");

// Custom resources: apiVersion/kind -> how to validate.
const CUSTOM_RESOURCES = {
  "keda.sh/v1alpha1/ScaledObject": { module: "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject" },
  "keda.sh/v1alpha1/TriggerAuthentication": {
    module: "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication",
  },
  "kafka.strimzi.io/v1beta2/KafkaTopic": { schemaFile: "strimzi-kafkatopic-v1beta2.yaml" },
};

// Object names (Kubernetes API conventions): most kinds take a DNS subdomain (RFC 1123),
// Services a DNS label (RFC 1035) because the name becomes a DNS record.
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

// Group/version segments of the kubernetes-models module path; the core group has no prefix.
function coreModulePath(apiVersion, kind) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

// Rejects unknown fields wherever a structural schema lists the fields of an object, except
// where Kubernetes keeps unknown fields (x-kubernetes-preserve-unknown-fields).
function forbidUnknownFields(schema) {
  if (schema === null || typeof schema !== "object") {
    return schema;
  }
  const strict = Array.isArray(schema) ? schema.map(forbidUnknownFields) : {};
  if (Array.isArray(schema)) {
    return strict;
  }
  for (const [key, value] of Object.entries(schema)) {
    strict[key] = forbidUnknownFields(value);
  }
  const preservesUnknown = schema["x-kubernetes-preserve-unknown-fields"] === true;
  if (schema.properties && schema.additionalProperties === undefined && !preservesUnknown) {
    strict.additionalProperties = false;
  }
  return strict;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiledSchemas = new Map();

function schemaValidator(schemaFile) {
  if (!compiledSchemas.has(schemaFile)) {
    const schema = parseYaml(readFileSync(join(SCHEMA_DIR, schemaFile), "utf8"));
    compiledSchemas.set(schemaFile, ajv.compile(forbidUnknownFields(schema)));
  }
  return compiledSchemas.get(schemaFile);
}

async function modelClass(modulePath, kind) {
  try {
    const module = await import(modulePath);
    return module[kind];
  } catch (error) {
    if (error.code === "ERR_MODULE_NOT_FOUND" || error.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      return undefined;
    }
    throw error;
  }
}

function formatModelError(error) {
  const details = Array.isArray(error.details) ? error.details : [];
  if (details.length === 0) {
    return [error.message];
  }
  return details.map((detail) => `${detail.instancePath || "/"} ${detail.message}`);
}

// Returns the list of problems of one object; empty when it is valid.
async function validateObject(object) {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return ["apiVersion and kind must be strings"];
  }
  const name = object.metadata?.name;
  if (typeof name !== "string" || name === "") {
    return ["metadata.name is missing"];
  }
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    return [`metadata.name '${name}' must be a DNS subdomain: lower case a-z, 0-9, '-' and '.', at most 253`];
  }
  if (kind === "Service" && (!DNS_LABEL.test(name) || name.length > 63)) {
    return [`metadata.name '${name}' of a Service must be a DNS label: a-z first, then a-z, 0-9 and '-', at most 63`];
  }

  const key = `${apiVersion}/${kind}`;
  const custom = CUSTOM_RESOURCES[key];

  if (custom?.schemaFile) {
    const problems = [];
    const validate = schemaValidator(custom.schemaFile);
    if (!validate(object)) {
      for (const error of validate.errors) {
        const extra = error.params?.additionalProperty ? ` '${error.params.additionalProperty}'` : "";
        problems.push(`${error.instancePath || "/"} ${error.message}${extra}`);
      }
    }
    try {
      new ObjectMeta(object.metadata).validate();
    } catch (error) {
      problems.push(...formatModelError(error).map((line) => `metadata${line}`));
    }
    return problems;
  }

  const modulePath = custom?.module ?? coreModulePath(apiVersion, kind);
  const Model = await modelClass(modulePath, kind);
  if (Model === undefined) {
    return [`no schema for ${key}; add one to scripts/k8s-validate before using this kind`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return formatModelError(error);
  }
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node validate.mjs FILE...  (multi-document YAML)");
    return 2;
  }

  let invalidCount = 0;
  let objectCount = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      console.error(`cannot read ${file}: ${error.message}`);
      return 2;
    }

    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) {
        console.error(`${file}: invalid YAML: ${document.errors[0].message}`);
        return 2;
      }
      const object = document.toJS();
      if (object === null || object === undefined) {
        continue;
      }
      objectCount += 1;

      const label = `${file}: ${object.kind}/${object.metadata?.name}`;
      const problems = await validateObject(object);
      if (problems.length === 0) {
        console.log(`valid    ${label}`);
      } else {
        invalidCount += 1;
        console.log(`INVALID  ${label}`);
        for (const problem of problems) {
          console.log(`           ${problem}`);
        }
      }
    }
  }

  console.log(`${objectCount - invalidCount} passed, ${invalidCount} failed`);
  return invalidCount === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));

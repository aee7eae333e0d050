package dev.vipoutpaint.api;

/** Name and version of the model bundle that produced a result. */
public record ModelRef(String name, String version) {
}

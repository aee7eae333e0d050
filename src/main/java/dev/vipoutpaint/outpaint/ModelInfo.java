package dev.vipoutpaint.outpaint;

/** Identity of a loaded model bundle. */
public record ModelInfo(String name, String version) {
}

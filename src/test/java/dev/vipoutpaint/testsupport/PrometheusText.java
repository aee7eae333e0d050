package dev.vipoutpaint.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads one sample from the Prometheus text format that {@code /q/metrics} serves. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * Returns the value of the first sample named {@code name} whose labels include every entry of
     * {@code labels}, or empty when there is none.
     */
    public static OptionalDouble sample(String text, String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }

            String rest = line.substring(name.length());
            Map<String, String> found = new HashMap<>();
            if (rest.startsWith("{")) {
                int end = rest.indexOf('}');
                for (String pair : rest.substring(1, end).split(",")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        found.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim().replace("\"", ""));
                    }
                }
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                // A longer metric name that starts with this one, such as name_count for name.
                continue;
            }

            if (found.entrySet().containsAll(labels.entrySet())) {
                return OptionalDouble.of(Double.parseDouble(rest.trim().split(" ")[0]));
            }
        }
        return OptionalDouble.empty();
    }
}

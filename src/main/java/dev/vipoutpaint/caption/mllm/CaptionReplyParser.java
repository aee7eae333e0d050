package dev.vipoutpaint.caption.mllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the center and surrounding prompts out of a chat model's text reply.
 *
 * <p>Models asked for JSON reply in many shapes, so this accepts: a bare object; an object in a
 * Markdown code fence; prose before or after the object; single quotes, unquoted keys, comments
 * and trailing commas; an object cut short by the token limit; common key variants
 * ({@code centre}, {@code center_prompt}, {@code surroundings}, {@code background}); list values,
 * joined with commas; and, with no object at all, {@code Center: ...} / {@code Surrounding: ...}
 * lines. A missing or empty part is returned as an empty string, which the prompt composer treats
 * as "no automatic text", like an unconditional prompt. Text is flattened to one line and cut to
 * {@link #MAX_PART_CHARS} at a word boundary.
 */
final class CaptionReplyParser {

    /** Maximum part length kept, in characters. Token-budget trimming later shortens parts further. */
    static final int MAX_PART_CHARS = 600;

    private static final Set<String> CENTER_KEYS = Set.of("center", "centre", "center_prompt", "centerprompt",
            "center_description", "foreground", "subject");
    private static final Set<String> SURROUNDING_KEYS = Set.of("surrounding", "surroundings", "surrounding_prompt",
            "surroundingprompt", "surrounding_description", "background", "surround", "outside");

    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*(.*?)```", Pattern.DOTALL);
    private static final Pattern CENTER_LINE = Pattern.compile(
            "(?im)^[\\s*#>\\-\"']*(?:center|centre)[\"'*_\\s]*[:=\\-][\\s*_]*(.+)$");
    private static final Pattern SURROUNDING_LINE = Pattern.compile(
            "(?im)^[\\s*#>\\-\"']*(?:surrounding|surroundings)[\"'*_\\s]*[:=\\-][\\s*_]*(.+)$");

    private final ObjectMapper lenientJson = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    /** The two parts read from a reply; either may be empty, never both. */
    record Parts(String center, String surrounding) {
    }

    /**
     * Parses {@code reply}.
     *
     * @throws UnusableReplyException when neither part can be found; the message quotes the start of the reply
     */
    Parts parse(String reply) {
        if (reply == null || reply.isBlank()) {
            throw new UnusableReplyException("the model returned an empty reply");
        }

        String text = unfence(reply);
        Parts parts = fromJson(text);
        if (parts == null) {
            parts = fromLabelledLines(text);
        }
        if (parts == null || (parts.center().isEmpty() && parts.surrounding().isEmpty())) {
            throw new UnusableReplyException("the model's reply has no \"center\" or \"surrounding\" text: "
                    + preview(reply));
        }
        return parts;
    }

    private static String unfence(String reply) {
        Matcher fence = FENCE.matcher(reply);
        return fence.find() ? fence.group(1) : reply;
    }

    /** Finds the first JSON object in {@code text}; returns null when there is none that parses. */
    private Parts fromJson(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        String candidate = text.substring(start, endOfObject(text, start));
        JsonNode node = readObject(candidate);
        if (node == null) {
            // a reply cut off by max_tokens lacks its closing quote and brace.
            node = readObject(candidate + "\"}");
        }
        if (node == null) {
            node = readObject(candidate + "}");
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        return new Parts(field(node, CENTER_KEYS), field(node, SURROUNDING_KEYS));
    }

    private JsonNode readObject(String json) {
        try {
            return lenientJson.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Index after the brace that closes the object opened at {@code start}, or the text's end. */
    private static int endOfObject(String text, int start) {
        int depth = 0;
        char quote = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i + 1;
            }
        }
        return text.length();
    }

    private static String field(JsonNode object, Set<String> keys) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String key = entry.getKey().strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (keys.contains(key)) {
                return clean(textOf(entry.getValue()));
            }
        }
        return "";
    }

    private static String textOf(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    items.add(item.asText().strip());
                }
            });
            return String.join(", ", items);
        }
        return "";
    }

    private static Parts fromLabelledLines(String text) {
        Matcher center = CENTER_LINE.matcher(text);
        Matcher surrounding = SURROUNDING_LINE.matcher(text);
        String centerText = center.find() ? clean(center.group(1)) : "";
        String surroundingText = surrounding.find() ? clean(surrounding.group(1)) : "";
        if (centerText.isEmpty() && surroundingText.isEmpty()) {
            return null;
        }
        return new Parts(centerText, surroundingText);
    }

    /** Flattens whitespace, strips wrapping quotes and cuts to {@link #MAX_PART_CHARS} at a word boundary. */
    static String clean(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        while (flat.length() >= 2 && (flat.startsWith("\"") && flat.endsWith("\"")
                || flat.startsWith("'") && flat.endsWith("'"))) {
            flat = flat.substring(1, flat.length() - 1).strip();
        }
        if (flat.length() <= MAX_PART_CHARS) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', MAX_PART_CHARS);
        return (cut > 0 ? flat.substring(0, cut) : flat.substring(0, MAX_PART_CHARS)).replaceAll("[,;:]+$", "");
    }

    private static String preview(String reply) {
        String flat = reply.replaceAll("\\s+", " ").strip();
        return "\"" + (flat.length() > 120 ? flat.substring(0, 120) + "…" : flat) + "\"";
    }

    /** A reply with no usable prompt text. */
    static final class UnusableReplyException extends RuntimeException {
        UnusableReplyException(String message) {
            super(message);
        }
    }
}

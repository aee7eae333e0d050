package dev.vipoutpaint.caption.mllm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds an OpenAI-compatible chat-completions request: a system message with the instructions,
 * then one user message whose content is the task text and the image as an {@code image_url}
 * part with a data URL.
 */
final class ChatRequestBody {

    private ChatRequestBody() {
    }

    static String of(ObjectMapper json, MllmSettings settings, String system, String instruction, String imageDataUrl) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("max_tokens", settings.maxTokens());
        body.put("temperature", settings.temperature());
        body.put("stream", false);

        ArrayNode messages = body.putArray("messages");
        ObjectNode systemMessage = messages.addObject();
        systemMessage.put("role", "system");
        systemMessage.put("content", system);

        ObjectNode userMessage = messages.addObject();
        userMessage.put("role", "user");
        ArrayNode content = userMessage.putArray("content");
        ObjectNode text = content.addObject();
        text.put("type", "text");
        text.put("text", instruction);
        ObjectNode image = content.addObject();
        image.put("type", "image_url");
        image.putObject("image_url").put("url", imageDataUrl);

        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to serialize a chat request", e);
        }
    }
}

package dev.vipoutpaint.diffusion;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns prompts into token ids with the bundle's {@code tokenizer.json}, truncated and padded to
 * the bundle's text max length.
 *
 * <p>NOTE: one instance is shared by all worker threads. That relies on encoding being read-only
 * in the Rust tokenizers library under DJL (its encode takes an immutable reference).
 */
public final class PromptTokenizer implements AutoCloseable {

    public static final String FILE_NAME = "tokenizer.json";
    private static final String UNKNOWN_TOKEN = "<unk>";

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final boolean closedVocabulary;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, boolean closedVocabulary) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.closedVocabulary = closedVocabulary;
    }

    public static PromptTokenizer load(Path bundleDir, int maxLength, boolean closedVocabulary) {
        Path file = bundleDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new BundleException("missing " + file + ": a model bundle needs " + FILE_NAME
                    + " in Hugging Face tokenizers format");
        }
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optMaxLength(maxLength)
                    .optTruncation(true)
                    .optPadToMaxLength()
                    .build();
            return new PromptTokenizer(tokenizer, maxLength, closedVocabulary);
        } catch (IOException | RuntimeException e) {
            throw new BundleException("invalid " + file + ": " + e.getMessage(), e);
        }
    }

    /** Encodes every text to token ids, {@code [texts.length][maxLength]}. */
    public long[][] encode(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            ids[i] = idsOf(tokenizer.encode(texts.get(i)), texts.get(i));
        }
        return ids;
    }

    /**
     * Lists the words of {@code text} that the vocabulary maps to the unknown token, as written in the text;
     * empty for open vocabularies. The model receives such a word as {@code <unk>}, so the
     * warning lists the words that had no effect.
     */
    public List<String> unknownWords(String text) {
        if (!closedVocabulary || text == null || text.isEmpty()) {
            return List.of();
        }
        Encoding encoding = tokenizer.encode(text);
        String[] tokens = encoding.getTokens();
        CharSpan[] spans = encoding.getCharTokenSpans();
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < tokens.length; i++) {
            if (UNKNOWN_TOKEN.equals(tokens[i]) && spans[i] != null) {
                unknown.add(text.substring(spans[i].getStart(), spans[i].getEnd()));
            }
        }
        return new ArrayList<>(unknown);
    }

    public int maxLength() {
        return maxLength;
    }

    private long[] idsOf(Encoding encoding, String text) {
        long[] ids = encoding.getIds();
        if (ids.length != maxLength) {
            throw new IllegalStateException("tokenizer returned " + ids.length + " ids for '" + text
                    + "', expected text.max_length " + maxLength);
        }
        return ids;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

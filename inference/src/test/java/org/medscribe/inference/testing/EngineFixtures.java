package org.medscribe.inference.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.ModelCheck;

/** Shared inputs for engine tests. */
public final class EngineFixtures {

    private EngineFixtures() {
    }

    /**
     * Where tests unpack the native library: one directory per build, so the test suite does not
     * unpack it for every class (it is never a shared temp directory).
     */
    public static Path nativesDir() {
        return Path.of("target", "test-natives").toAbsolutePath();
    }

    /** A check that only names the model; for tests of the engine mechanics, not of admission. */
    public static ModelCheck passThrough() {
        return settings -> new ModelCheck.ModelIdentity(settings.modelPath().getFileName().toString(), "llama");
    }

    /** A short chat. */
    public static List<ChatMessage> chat(String user) {
        return List.of(ChatMessage.system("You are a careful clinical scribe."), ChatMessage.user(user));
    }

    /** A chat whose prompt is long (about {@code sentences} × 20 tokens) and starts with a fixed prefix. */
    public static List<ChatMessage> longChat(int sentences, String tail) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            prefix.append("Section ").append(i).append(": record chief complaint, history, examination and plan. ");
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(prefix.toString()));
        messages.add(ChatMessage.user(tail));
        return messages;
    }
}

package org.medscribe.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.medscribe.common.MedScribeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures nobody expected end up: logged once with full detail and a stable error code, and
 * shown to the user as that code only (never a stack trace). The same defect gives the same code on
 * every machine, so a support call can find it in the log.
 *
 * <p>Installed as the default uncaught-exception handler, so a failing thread (or the FX thread)
 * never ends the app silently. Thread-safe: the display callback is called on the UI executor.
 */
public final class UnexpectedErrors {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrors.class);

    private final Executor ui;
    private volatile Consumer<String> display;

    /**
     * @param ui      where {@code display} runs
     * @param display shows the error code (the dialog service); replaceable once the window exists
     */
    public UnexpectedErrors(Executor ui, Consumer<String> display) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.display = Objects.requireNonNull(display, "display");
    }

    public void displayWith(Consumer<String> value) {
        this.display = Objects.requireNonNull(value, "value");
    }

    /** Logs {@code failure} and shows its code. Returns the code. Call from any thread. */
    public String report(Throwable failure) {
        String code = codeOf(failure);
        if (failure instanceof MedScribeException known) {
            LOG.error("unhandled failure {} ({})", code, known.messageKey(), failure);
        } else {
            LOG.error("unexpected failure {}", code, failure);
        }
        Consumer<String> target = display;
        ui.execute(() -> target.accept(code));
        return code;
    }

    /** Makes this the handler of every thread's uncaught exceptions. */
    public void installAsDefault() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> report(failure));
    }

    /**
     * A code that names the defect, not the occurrence: the exception type (or message key) and the
     * first MedScribe frame it passed through. Six hex digits, e.g. {@code MS-3FA2C1}.
     */
    public static String codeOf(Throwable failure) {
        Throwable root = failure;
        StringBuilder identity = new StringBuilder(root.getClass().getName());
        if (root instanceof MedScribeException known) {
            identity.append(':').append(known.messageKey());
        }
        for (StackTraceElement frame : root.getStackTrace()) {
            if (frame.getClassName().startsWith("org.medscribe.")) {
                identity.append('@').append(frame.getClassName()).append('.').append(frame.getMethodName());
                break;
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return "MS-" + HexFormat.of().withUpperCase().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

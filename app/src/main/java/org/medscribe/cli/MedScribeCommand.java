package org.medscribe.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.PrintableText;
import org.medscribe.i18n.Messages;
import org.medscribe.inference.EngineCrashedException;
import org.medscribe.settings.AppDirectories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code medscribe}: the command-line face of the app. Exit codes are stable: 0 success, 1 failure
 * while working, 2 bad input or usage (with a one-line reason on stderr).
 */
@Command(name = "medscribe",
        mixinStandardHelpOptions = true,
        versionProvider = MedScribeCommand.Version.class,
        description = "MedScribe: offline clinical documentation assistant. Without arguments, starts the desktop app.",
        subcommands = {
                BenchCommand.class,
                DraftCommand.class,
                SuggestCommand.class,
                EvalCommand.class,
                QcCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                VerifyCommand.class,
                BenchStoreCommand.class,
                InspectCommand.class,
                SelfCheckCommand.class,
                ImportCommand.class,
                ExportCommand.class,
        })
public final class MedScribeCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private static final Logger LOG = LoggerFactory.getLogger(MedScribeCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    /**
     * Runs the command line with the process's streams; returns the exit code. {@code moreCommands}
     * builds subcommands this package cannot know (the desktop's {@code ui-probe}, which needs
     * JavaFX); they are listed in {@code --help} and run like the others.
     */
    public static int run(AppDirectories directories, List<Function<CliContext, Object>> moreCommands, String... args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(new CliContext(directories, Messages.forDefaultLocale(), out, err), moreCommands, args);
    }

    /** Runs the command line in {@code context}; returns the exit code. Never throws. */
    public static int run(CliContext context, String... args) {
        return run(context, List.of(), args);
    }

    /** As {@link #run(CliContext, String...)}, with the subcommands {@code moreCommands} builds. */
    public static int run(CliContext context, List<Function<CliContext, Object>> moreCommands, String... args) {
        CommandLine commandLine = new CommandLine(new MedScribeCommand(), new ContextFactory(context));
        for (Function<CliContext, Object> command : moreCommands) {
            commandLine.addSubcommand(command.apply(context));
        }
        // Every subcommand's -V names the app's version (picocli leaves it empty otherwise).
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            subcommand.getCommandSpec().versionProvider(new Version());
        }
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setParameterExceptionHandler((ex, ignoredArgs) -> {
            context.err().println("medscribe: " + PrintableText.of(ex.getMessage(), 2_000) + usageHint(context, ex));
            context.err().flush();
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> handleFailure(context, ex));
        int code = commandLine.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** Where to look next, on the same line: the closest command names, then the command's --help. */
    private static String usageHint(CliContext context, CommandLine.ParameterException ex) {
        StringBuilder hint = new StringBuilder();
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            hint.append(' ').append(context.messages().get("cli.error.didYouMean",
                    String.join(", ", unmatched.getSuggestions())));
        }
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        return hint.append(' ').append(context.messages().get("cli.error.seeHelp", command)).toString();
    }

    private static int handleFailure(CliContext context, Exception ex) {
        if (ex instanceof EngineCrashedException crash) {
            // The desktop restarts a crashed engine; a command has nothing left to restart it for.
            context.err().println("medscribe: " + context.messages().get("cli.error.engineStopped", crash.exitCode()));
            context.err().flush();
            LOG.info("command failed: the engine worker stopped (exit {})", crash.exitCode());
            return FAILED;
        }
        if (ex instanceof MedScribeException failure) {
            // One line, whatever a crafted file put into the arguments.
            context.err().println("medscribe: " + PrintableText.of(context.messages().describe(failure), 2_000));
            context.err().flush();
            LOG.info("command failed: {}", failure.messageKey());
            return failure.isBadInput() ? BAD_INPUT : FAILED;
        }
        LOG.error("unexpected failure in command", ex);
        context.err().println("medscribe: " + context.messages().get("common.error.unexpected",
                ex.getClass().getSimpleName()));
        context.err().flush();
        return FAILED;
    }

    /** Builds subcommands with the {@link CliContext} when they ask for it in their constructor. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> constructor : cls.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == CliContext.class) {
                    constructor.setAccessible(true);
                    return cls.cast(constructor.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /**
     * The version to report: the installed package's when jpackage's launcher started us (it passes
     * {@code -Djpackage.app-version}, e.g. {@code 0.1.0}, where the jar says {@code 0.1.0-SNAPSHOT}),
     * else the jar's {@code Implementation-Version}; null in a development build run from classes.
     */
    static String appVersion() {
        String installed = System.getProperty("jpackage.app-version");
        if (installed != null && !installed.isBlank()) {
            return installed;
        }
        return MedScribeCommand.class.getPackage().getImplementationVersion();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = appVersion();
            return new String[] {"MedScribe " + (version == null ? "development build" : version)};
        }
    }
}

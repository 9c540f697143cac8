package dev.sluice.evals;

import dev.sluice.evals.metric.LocalEmbedder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * What the {@code eval} command needs from its host.
 *
 * @param launcher starts Sluice in-process for {@code --config}; null when the host cannot (then {@code --config}
 *                 is a usage error)
 * @param workDir where the default run store {@code .sluice/evals/} lives and relative paths start
 * @param out reports and progress; {@code err} problems
 * @param env environment variables ({@code CI}, {@code SLUICE_API_KEY}...)
 * @param embedder the local embedding model for semantic similarity, loaded lazily
 * @param interactive whether {@code out} is a terminal (a redrawn progress bar) rather than a log
 */
public record EvalHooks(GatewayLauncher launcher, Path workDir, PrintStream out, PrintStream err,
                        Map<String, String> env, Function<String, float[]> embedder, boolean interactive) {

    /** The process's own console, environment and working directory. */
    public static EvalHooks standard(GatewayLauncher launcher) {
        Map<String, String> env = System.getenv();
        boolean ci = env.containsKey("CI") && !"false".equalsIgnoreCase(env.get("CI"));
        return new EvalHooks(launcher, Path.of("").toAbsolutePath(), System.out, System.err, env,
                new LocalEmbedder(), isTerminal() && !ci);
    }

    /** Whether standard output is a terminal; on JDK 22+ a console exists even when redirected, so ask it. */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJdk) {
            return true;
        }
    }

    /** The default run store folder. */
    public Path storeRoot() {
        return workDir.resolve(".sluice").resolve("evals");
    }
}
